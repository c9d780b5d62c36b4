package dev.guestbook.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;

class BrowserErrorTest {

  @Test
  void theAnswersOfBrowserBuildsForADocumentThatIsGoingAreRaces() {
    // Chromium/ChromeDriver 156.0.8078.129, on the old page's <html> during the form's navigation
    assertThat(
            BrowserError.raced(
                new WebDriverException(
                    "unknown error: unhandled inspector error: {\"code\":-32000,\"message\":\"Node"
                        + " with given id does not belong to the document\"}")))
        .isTrue();
    // 156.0.8078.73, the same moment
    assertThat(BrowserError.raced(new StaleElementReferenceException("stale element reference")))
        .isTrue();
    assertThat(
            BrowserError.raced(
                new WebDriverException(
                    "javascript error: Execution context was destroyed, most likely because of a"
                        + " navigation")))
        .isTrue();
  }

  @Test
  void aBrowserThatIsGoneOrAnythingElseIsNoRace() {
    assertThat(BrowserError.raced(new NoSuchSessionException("invalid session id"))).isFalse();
    assertThat(BrowserError.raced(new WebDriverException("chrome not reachable"))).isFalse();
    assertThat(BrowserError.raced(null)).isFalse();
  }

  @Test
  void aBrowserErrorSaysItIsNotTheStacksAndNamesBothVersions() {
    MutableCapabilities capabilities = new MutableCapabilities();
    capabilities.setCapability("browserVersion", "156.0.8078.129");
    capabilities.setCapability(
        "chrome",
        Map.of("chromedriverVersion", "156.0.8078.129 (4d2f0b8c refs/branch-heads/7790)"));
    String versions = HeadlessChromium.versions(capabilities);
    assertThat(versions).isEqualTo("Chromium 156.0.8078.129, ChromeDriver 156.0.8078.129");
    assertThat(
            new BrowserError("sign", versions, new WebDriverException("chrome not reachable"))
                .getMessage())
        .startsWith(
            "browser error, not the stack (Chromium 156.0.8078.129, ChromeDriver"
                + " 156.0.8078.129), sign: chrome not reachable");
  }
}
