package dev.guestbook.harness.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.CreateContextParameters;
import org.openqa.selenium.bidi.module.Browser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's headless Chromium, driven through its ChromeDriver (Selenium WebDriver with
 * WebDriver BiDi): one browser for a whole run, in which every visitor gets a user context of its
 * own — its own cookies, cache and storage, shared with no other visitor, as a fresh browser
 * profile would be — so a visitor costs a tab, not a browser start (about 3 s each on this
 * project's 2-core machine). Both binaries are named explicitly, so nothing is looked up or
 * downloaded at run time (Selenium Manager is never asked).
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PAGE_LOAD = Duration.ofSeconds(20);

  /**
   * A WebDriver command unanswered this long means a hung browser (a page load takes at most 20 s).
   */
  private static final Duration ANSWER = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private final Browser bidi;
  private final String versions;

  private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
    this.bidi = new Browser(driver);
    this.versions = versions(driver.getCapabilities());
  }

  /** "Chromium 156.0.8078.129, ChromeDriver 156.0.8078.129": what a browser error names. */
  static String versions(Capabilities capabilities) {
    Object chrome = capabilities.getCapability("chrome");
    Object driverVersion = chrome instanceof Map<?, ?> map ? map.get("chromedriverVersion") : null;
    String driver = driverVersion == null ? "unknown" : String.valueOf(driverVersion).split(" ")[0];
    return "Chromium " + capabilities.getBrowserVersion() + ", ChromeDriver " + driver;
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

  /** Starts the browser (a new, empty profile), or fails in one line naming both binaries. */
  public static HeadlessChromium start() {
    long started = System.nanoTime();
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
    options.setCapability("webSocketUrl", true);
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
      ChromeDriver driver =
          new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(ANSWER));
      driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      HeadlessChromium browser = new HeadlessChromium(driver, service, profile);
      LOG.info(
          "[browser] {} ({}) started in {} ms",
          CHROMIUM,
          browser.versions,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      return browser;
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

  /**
   * A new visitor: a user context of its own (nothing shared with any other visitor) with one tab.
   * (Making the next visitor's context while one visits was tried: on two cores it slowed both.)
   */
  public VisitorBrowser visitor() {
    synchronized (driver) {
      Visitor visitor = newVisitor();
      return new VisitorBrowser(driver, visitor.tab().getId(), () -> leave(visitor), versions);
    }
  }

  /** Whether the browser still answers (a crashed one is started anew by its owner). */
  public boolean answers() {
    synchronized (driver) {
      try {
        driver.getWindowHandles();
        return true;
      } catch (WebDriverException e) {
        LOG.debug("[browser] it does not answer", e);
        return false;
      }
    }
  }

  /** A user context and its tab. */
  private record Visitor(String userContext, BrowsingContext tab) {}

  private Visitor newVisitor() {
    String userContext = bidi.createUserContext();
    return new Visitor(
        userContext,
        new BrowsingContext(
            driver, new CreateContextParameters(WindowType.TAB).userContext(userContext)));
  }

  private void leave(Visitor visitor) {
    try {
      visitor.tab().close();
    } catch (WebDriverException e) {
      LOG.debug("[browser] a visitor's tab was already gone", e);
    }
    try {
      bidi.removeUserContext(visitor.userContext());
    } catch (WebDriverException e) {
      LOG.debug("[browser] a visitor's user context was already gone", e);
    }
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
      LOG.debug("[browser] cannot remove the profile {}", dir, e);
    }
  }
}
