package dev.guestbook.harness.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One visitor in the run's {@link HeadlessChromium}: a tab in a user context of its own — no
 * cookies, cache or storage shared with another visitor, as a fresh browser profile. Every action
 * first brings the visitor's own tab forward (one browser serves every visitor of a scenario).
 * Every wait is bounded and names what it waited for.
 */
public final class VisitorBrowser implements AutoCloseable {

  private static final Duration LANDING = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);

  /** Longer entries are pasted: typing 1000 characters takes ChromeDriver about 1.5 s. */
  private static final int TYPED_AT_MOST = 200;

  private final ChromeDriver driver;
  private final String tab;
  private final Runnable leave;

  VisitorBrowser(ChromeDriver driver, String tab, Runnable leave) {
    this.driver = driver;
    this.tab = tab;
    this.leave = leave;
  }

  /** Opens {@code url}, as a visitor typing it. */
  public void open(URI url) {
    here().get(url.toString());
  }

  /**
   * Writes {@code entry} into the page's form and presses its button, then waits (bounded) until
   * the browser has loaded whatever the form's answer led to. A short text is typed, key by key; a
   * long one (over {@value #TYPED_AT_MOST} characters) is pasted, as a visitor would, and so is one
   * with characters outside the Basic Multilingual Plane, which ChromeDriver cannot type: the field
   * gets the text and an input event, and the browser encodes the form the same way.
   */
  public void sign(String entry) {
    WebDriver driver = here();
    WebElement field = driver.findElement(By.name("entry"));
    field.clear();
    if (typed(entry)) {
      field.sendKeys(entry);
    } else {
      ((JavascriptExecutor) driver)
          .executeScript(
              "arguments[0].value = arguments[1];"
                  + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
              field,
              entry);
    }
    String before = driver.getCurrentUrl();
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    new WebDriverWait(driver, LANDING)
        .pollingEvery(POLL)
        .withMessage("a new page to load after signing at " + before)
        .until(
            d ->
                ExpectedConditions.stalenessOf(page).apply(d)
                    && "complete"
                        .equals(
                            ((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private static boolean typed(String entry) {
    return entry.codePointCount(0, entry.length()) <= TYPED_AT_MOST
        && entry.codePoints().allMatch(Character::isBmpCodePoint);
  }

  /** Where the browser is now. */
  public String currentUrl() {
    return here().getCurrentUrl();
  }

  /** The page's title. */
  public String title() {
    return here().getTitle();
  }

  /**
   * How many redirects brought the browser to the page it shows (the Navigation Timing entry's
   * {@code redirectCount}): 1 after a form answered with 303 and the page, 0 when the form's answer
   * was itself the page (a reload would send the form again).
   */
  public long redirectsToThisPage() {
    Object count =
        script(
            "const n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.redirectCount : -1;");
    return count instanceof Number n ? n.longValue() : -1;
  }

  /** Each entry on the page, as the DOM holds its text (line breaks and all white space kept). */
  public List<String> entriesOnPage() {
    return strings(
        script(
            "return Array.from(document.querySelectorAll('#entries li')).map(li =>"
                + " li.textContent);"));
  }

  /**
   * Each entry on the page as it is rendered for the eye: its {@code innerText} (white space as the
   * page's CSS lays it out), or nothing when the browser does not show it (hidden, transparent,
   * {@code display: none} on it or around it).
   */
  public List<String> entriesAsShown() {
    return strings(
        script(
            "return Array.from(document.querySelectorAll('#entries li')).map(li =>"
                + " li.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})"
                + " ? li.innerText : '');"));
  }

  /** What the visitor sees, as a PNG: for the report of a failed scenario. */
  public byte[] screenshot() {
    here();
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  /** The page's HTML as the browser holds it: for the report of a failed scenario. */
  public String pageSource() {
    return here().getPageSource();
  }

  private Object script(String script) {
    return ((JavascriptExecutor) here()).executeScript(script);
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /** Closes the visitor's tab and its user context. */
  @Override
  public void close() {
    leave.run();
  }

  /** The browser, on this visitor's tab. */
  private WebDriver here() {
    return driver.switchTo().window(tab);
  }
}
