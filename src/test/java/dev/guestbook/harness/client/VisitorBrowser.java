package dev.guestbook.harness.client;

import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.TextColours;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * The colours of the entry {@code arguments[0]} (each {@code <li>} holding it) and of the form's
   * label, field and button, as computed: the text's colour and the backgrounds from the element
   * outwards to the first opaque one, each normalised to RGBA by drawing it on a canvas (so any CSS
   * colour syntax a browser build computes is read alike).
   */
  private static final String COLOURS =
      """
      const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
      const rgba = c => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = 'rgba(0, 0, 0, 0)';
        ctx.fillStyle = c;
        ctx.fillRect(0, 0, 1, 1);
        const d = ctx.getImageData(0, 0, 1, 1).data;
        return [d[0], d[1], d[2], d[3] / 255];
      };
      const of = (what, el) => {
        const css = getComputedStyle(el);
        const backgrounds = [];
        let image = false;
        for (let up = el; up; up = up.parentElement) {
          const around = getComputedStyle(up);
          if (around.backgroundImage !== 'none') image = true;
          const bg = rgba(around.backgroundColor);
          if (bg[3] > 0) backgrounds.push(bg);
          if (bg[3] >= 1) break;
        }
        return {what, foreground: rgba(css.color), backgrounds, image,
                px: parseFloat(css.fontSize), weight: parseInt(css.fontWeight) || 400};
      };
      const out = [];
      document.querySelectorAll('#entries li').forEach(li => {
        if (li.textContent === arguments[0]) out.push(of('the entry', li));
      });
      const label = document.querySelector('label[for=entry]');
      if (label) out.push(of("the form's label", label));
      const field = document.querySelector('form [name=entry]');
      if (field) out.push(of("the form's field", field));
      const button = document.querySelector('form button');
      if (button) out.push(of("the form's button", button));
      return out;
      """;

  private static final Logger LOG = LoggerFactory.getLogger(VisitorBrowser.class);

  private final ChromeDriver driver;
  private final String tab;
  private final Runnable leave;
  private final String versions;

  VisitorBrowser(ChromeDriver driver, String tab, Runnable leave, String versions) {
    this.driver = driver;
    this.tab = tab;
    this.leave = leave;
    this.versions = versions;
  }

  /** Opens {@code url}, as a visitor typing it. */
  public void open(URI url) {
    on(
        "open " + url,
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
        "sign",
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
          String mark = "left-" + UUID.randomUUID();
          d.executeScript("window[arguments[0]] = true;", mark);
          d.findElement(By.cssSelector("form button[type=submit]")).click();
          NewDocument landing = new NewDocument(mark);
          new WebDriverWait(d, LANDING)
              .pollingEvery(POLL)
              .withMessage(() -> "a new page to load after signing at " + before + landing.seen())
              .until(landing::loaded);
          return held;
        });
  }

  /**
   * Recognises the page a click led to positively: a document without the mark set on the one the
   * visitor left (a navigation replaces {@code window}), fully loaded. How a browser build answers
   * a call on the old document while it goes ({@code stale element reference}, or an inspector
   * error "Node with given id does not belong to the document") does not matter: such an answer, or
   * a script error while the document changes, is one more poll, and the last one is named if the
   * wait runs out. Any other WebDriver failure (a browser or session gone) ends the wait at once,
   * as the browser's error.
   */
  private static final class NewDocument {
    private final String mark;
    private String last = "nothing yet";

    NewDocument(String mark) {
      this.mark = mark;
    }

    boolean loaded(WebDriver w) {
      try {
        Object state =
            ((JavascriptExecutor) w)
                .executeScript(
                    "return window[arguments[0]] ? 'the old page' : document.readyState;", mark);
        last = String.valueOf(state);
        return "complete".equals(state);
      } catch (JavascriptException e) {
        last = Text.firstLine(e);
        return false;
      } catch (WebDriverException e) {
        if (!BrowserError.raced(e)) {
          throw e;
        }
        last = Text.firstLine(e);
        return false;
      }
    }

    String seen() {
      return " (last seen: " + last + ")";
    }
  }

  private static boolean typed(String entry) {
    return entry.codePointCount(0, entry.length()) <= TYPED_AT_MOST
        && entry.codePoints().allMatch(Character::isBmpCodePoint);
  }

  /** Where the browser is now. */
  public String currentUrl() {
    return read("the page's URL", ChromeDriver::getCurrentUrl);
  }

  /** The page's title. */
  public String title() {
    return read("the page's title", ChromeDriver::getTitle);
  }

  /**
   * How many redirects brought the browser to the page it shows (the Navigation Timing entry's
   * {@code redirectCount}): 1 after a form answered with a redirect to the page, 0 when the form's
   * answer was itself the page (a reload would send the form again).
   */
  public long redirectsToThisPage() {
    Object count =
        read(
            "the page's redirect count",
            d ->
                d.executeScript(
                    "const n = performance.getEntriesByType('navigation')[0];"
                        + " return n ? n.redirectCount : -1;"));
    return count instanceof Number n ? n.longValue() : -1;
  }

  /** Each entry on the page, as the DOM holds its text (line breaks and all white space kept). */
  public List<String> entriesOnPage() {
    return strings(
        read(
            "the entries as held",
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
    return strings(read("the entries as shown", d -> d.executeScript(SHOWN)));
  }

  /** The colours of {@code entry} on the page and of the form's texts ({@link #COLOURS}). */
  public List<TextColours> textColours(String entry) {
    Object found = read("the page's colours", d -> d.executeScript(COLOURS, entry));
    if (!(found instanceof List<?> texts)) {
      return List.of();
    }
    return texts.stream()
        .map(t -> (Map<?, ?>) t)
        .map(
            t ->
                new TextColours(
                    String.valueOf(t.get("what")),
                    numbers(t.get("foreground")),
                    ((List<?>) t.get("backgrounds")).stream().map(VisitorBrowser::numbers).toList(),
                    Boolean.TRUE.equals(t.get("image")),
                    ((Number) t.get("px")).doubleValue(),
                    ((Number) t.get("weight")).intValue()))
        .toList();
  }

  private static List<Double> numbers(Object list) {
    return ((List<?>) list).stream().map(n -> ((Number) n).doubleValue()).toList();
  }

  /** What the visitor sees, as a PNG: for the report of a failed scenario. */
  public byte[] screenshot() {
    return read("a screenshot", d -> d.getScreenshotAs(OutputType.BYTES));
  }

  /** The page's HTML as the browser holds it: for the report of a failed scenario. */
  public String pageSource() {
    return read("the page's HTML", ChromeDriver::getPageSource);
  }

  /** Closes the visitor's tab and its user context. */
  @Override
  public void close() {
    synchronized (driver) {
      leave.run();
    }
  }

  /**
   * A read of the page, on this visitor's tab: once more, logged, when the answer says the page it
   * read was going (a stale element, a node no longer in the document, a script context destroyed),
   * as a read that raced a navigation may; then as {@link #on}.
   */
  private <T> T read(String what, Function<ChromeDriver, T> read) {
    try {
      return on(what, read);
    } catch (BrowserError e) {
      if (!BrowserError.raced(e.getCause())) {
        throw e;
      }
      LOG.warn(
          "[browser] reading {} raced a navigation ({}); reading it once more",
          what,
          e.getMessage());
      return on(what, read);
    }
  }

  /**
   * {@code action} on this visitor's tab, switching to it first, as one step on the session. What
   * the page lacks (an element not found) and a bounded wait that ran out are the stack's; any
   * other WebDriver failure is the browser's, and says so with the browser's and driver's versions
   * ({@link BrowserError}).
   */
  private <T> T on(String what, Function<ChromeDriver, T> action) {
    synchronized (driver) {
      try {
        driver.switchTo().window(tab);
        return action.apply(driver);
      } catch (NoSuchWindowException e) {
        throw new BrowserError(what, versions, e);
      } catch (NotFoundException | TimeoutException e) {
        throw e;
      } catch (WebDriverException e) {
        throw new BrowserError(what, versions, e);
      }
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
