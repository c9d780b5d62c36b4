package dev.guestbook.harness.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One visitor in the run's {@link HeadlessChromium}: a tab in a user context of its own — no
 * cookies, cache or storage shared with another visitor, as a fresh browser profile. Every action
 * brings the visitor's own tab forward and acts there, the two as one step on the browser's one
 * WebDriver session (a scenario's visitors take turns). Every wait is bounded and names what it
 * waited for.
 */
public final class VisitorBrowser implements AutoCloseable {

  private static final Duration LANDING = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);

  /** Longer entries are pasted: typing 1000 characters takes ChromeDriver about 1.5 s. */
  private static final int TYPED_AT_MOST = 200;

  /**
   * An entry as the visitor sees it: its rendered text ({@code innerText}: white space as the CSS
   * lays it out), or {@code ''} when the browser does not really show it — not rendered, hidden,
   * transparent, faded out by a filter, too small to read, clipped by its own box or an ancestor's,
   * or outside the document.
   */
  private static final String SHOWN =
      """
      const shown = li => {
        if (!li.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
        const css = getComputedStyle(li);
        if (/rgba\\(.*,\\s*0\\)$/.test(css.color) || css.color === 'transparent') return false;
        if (css.filter !== 'none' || parseFloat(css.fontSize) < 8) return false;
        const box = li.getBoundingClientRect();
        if (box.width < 1 || box.height < 1) return false;
        if (box.right + scrollX <= 0 || box.bottom + scrollY <= 0) return false;
        if (css.overflowY !== 'visible' && li.scrollHeight > li.clientHeight + 1) return false;
        if (css.overflowX !== 'visible' && li.scrollWidth > li.clientWidth + 1) return false;
        for (let up = li.parentElement; up; up = up.parentElement) {
          const around = getComputedStyle(up);
          if (around.overflow === 'visible') continue;
          const clip = up.getBoundingClientRect();
          if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1) return false;
          if (around.overflowX !== 'visible' && (box.left < clip.left - 1 || box.right > clip.right + 1)) return false;
        }
        return true;
      };
      return Array.from(document.querySelectorAll('#entries li')).map(li => shown(li) ? li.innerText : '');
      """;

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
    on(
        d -> {
          d.get(url.toString());
          return null;
        });
  }

  /**
   * Writes {@code entry} into the page's form and presses its button, then waits (bounded) until
   * the browser has loaded whatever the form's answer led to. A short text is typed, key by key; a
   * long one (over {@value #TYPED_AT_MOST} characters) is pasted, as a visitor would, and so is one
   * with characters outside the Basic Multilingual Plane, which ChromeDriver cannot type: either
   * way through the browser's own editing (DevTools' {@code Input.insertText} for a paste), so the
   * page's limits on the field (a {@code maxlength}) apply as they would to the visitor.
   *
   * @return what the field held when the button was pressed
   */
  public String sign(String entry) {
    return on(
        d -> {
          WebElement field = d.findElement(By.name("entry"));
          field.clear();
          if (typed(entry)) {
            field.sendKeys(entry);
          } else {
            field.click();
            d.executeCdpCommand("Input.insertText", Map.of("text", entry));
          }
          String held = String.valueOf(d.executeScript("return arguments[0].value;", field));
          String before = d.getCurrentUrl();
          WebElement page = d.findElement(By.tagName("html"));
          d.findElement(By.cssSelector("form button[type=submit]")).click();
          new WebDriverWait(d, LANDING)
              .pollingEvery(POLL)
              .withMessage("a new page to load after signing at " + before)
              .until(
                  w ->
                      ExpectedConditions.stalenessOf(page).apply(w)
                          && "complete"
                              .equals(
                                  ((JavascriptExecutor) w)
                                      .executeScript("return document.readyState")));
          return held;
        });
  }

  private static boolean typed(String entry) {
    return entry.codePointCount(0, entry.length()) <= TYPED_AT_MOST
        && entry.codePoints().allMatch(Character::isBmpCodePoint);
  }

  /** Where the browser is now. */
  public String currentUrl() {
    return on(ChromeDriver::getCurrentUrl);
  }

  /** The page's title. */
  public String title() {
    return on(ChromeDriver::getTitle);
  }

  /**
   * How many redirects brought the browser to the page it shows (the Navigation Timing entry's
   * {@code redirectCount}): 1 after a form answered with a redirect to the page, 0 when the form's
   * answer was itself the page (a reload would send the form again).
   */
  public long redirectsToThisPage() {
    Object count =
        on(
            d ->
                d.executeScript(
                    "const n = performance.getEntriesByType('navigation')[0];"
                        + " return n ? n.redirectCount : -1;"));
    return count instanceof Number n ? n.longValue() : -1;
  }

  /** Each entry on the page, as the DOM holds its text (line breaks and all white space kept). */
  public List<String> entriesOnPage() {
    return strings(
        on(
            d ->
                d.executeScript(
                    "return Array.from(document.querySelectorAll('#entries li')).map(li =>"
                        + " li.textContent);")));
  }

  /**
   * Each entry on the page as the visitor sees it: its rendered text, or {@code ""} where the
   * browser does not really show it ({@link #SHOWN}).
   */
  public List<String> entriesAsShown() {
    return strings(on(d -> d.executeScript(SHOWN)));
  }

  /** What the visitor sees, as a PNG: for the report of a failed scenario. */
  public byte[] screenshot() {
    return on(d -> d.getScreenshotAs(OutputType.BYTES));
  }

  /** The page's HTML as the browser holds it: for the report of a failed scenario. */
  public String pageSource() {
    return on(ChromeDriver::getPageSource);
  }

  /** Closes the visitor's tab and its user context. */
  @Override
  public void close() {
    synchronized (driver) {
      leave.run();
    }
  }

  /** {@code action} on this visitor's tab, switching to it first, as one step on the session. */
  private <T> T on(Function<ChromeDriver, T> action) {
    synchronized (driver) {
      driver.switchTo().window(tab);
      return action.apply(driver);
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
