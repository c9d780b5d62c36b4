package dev.guestbook.harness.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A visitor's real browser: the machine's headless Chromium driven through its ChromeDriver
 * (Selenium WebDriver), each instance a fresh profile — no cookies, no cache, nothing shared with
 * another visitor. Both binaries are named explicitly, so nothing is looked up or downloaded at run
 * time (Selenium Manager is never asked). Every wait is bounded and names what it waited for.
 */
public final class VisitorBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PAGE_LOAD = Duration.ofSeconds(20);
  private static final Duration LANDING = Duration.ofSeconds(15);

  private final WebDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private VisitorBrowser(WebDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** Why no browser can be started here, or empty when one can. */
  public static Optional<String> unavailable() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        return Optional.of("no " + binary + " (Debian: apt-get install chromium chromium-driver)");
      }
    }
    return Optional.empty();
  }

  /** A fresh headless browser (a new, empty profile). */
  public static VisitorBrowser start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("bdi-browser-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a browser profile directory", e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--user-data-dir=" + profile);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new VisitorBrowser(driver, service, profile);
    } catch (WebDriverException e) {
      service.stop();
      deleteTree(profile);
      throw new IllegalStateException(
          "the browser did not start ("
              + CHROMIUM
              + " through "
              + CHROMEDRIVER
              + "): "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** Opens {@code url}, as a visitor typing it. */
  public void open(URI url) {
    driver.get(url.toString());
  }

  /**
   * Writes {@code entry} into the page's form and presses its button, then waits (bounded) to land
   * back on the page. Text the keyboard can type is typed; characters outside the Basic
   * Multilingual Plane, which ChromeDriver cannot type, are put into the field as a paste would.
   */
  public void sign(String entry) {
    WebElement field = driver.findElement(By.name("entry"));
    field.clear();
    if (entry.codePoints().allMatch(Character::isBmpCodePoint)) {
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
    WebElement form = driver.findElement(By.tagName("form"));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(driver, LANDING)
        .withMessage("the page to load again after signing (was " + before + ")")
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return document.readyState === 'complete' && !!document.getElementById('entries')")));
  }

  /** Where the browser is now. */
  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  /** The page's title. */
  public String title() {
    return driver.getTitle();
  }

  /** Each entry on the page, as its text (the DOM's text, line breaks kept). */
  @SuppressWarnings("unchecked")
  public List<String> entriesOnPage() {
    Object texts =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Array.from(document.querySelectorAll('#entries li'))"
                    + ".map(li => li.textContent);");
    return texts instanceof List<?> list ? (List<String>) list : List.of();
  }

  /** What the visitor sees, as a PNG: for the report of a failed scenario. */
  public byte[] screenshot() {
    return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
  }

  /** The page's HTML as the browser holds it: for the report of a failed scenario. */
  public String pageSource() {
    return driver.getPageSource();
  }

  /** Quits the browser and its driver, and removes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // the browser is gone already; the driver service is stopped below
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a profile left in the temp directory costs disk, not correctness
    }
  }
}
