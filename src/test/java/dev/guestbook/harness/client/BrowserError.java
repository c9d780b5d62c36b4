package dev.guestbook.harness.client;

import dev.guestbook.harness.text.Text;
import java.util.regex.Pattern;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;

/**
 * A failure of the visitor's browser or its driver, not of the stack under test: it says so first
 * ("browser error, not the stack"), with the browser's and driver's versions and what was being
 * done, so neither the report nor CI's failure summary reads it as a broken stack. The WebDriver
 * exception is kept as the cause.
 */
public final class BrowserError extends RuntimeException {

  /** The answers a browser build gives for a call on a document it is leaving. */
  private static final Pattern RACED =
      Pattern.compile(
          "stale element|does not belong to the document|execution context was destroyed"
              + "|cannot find context with specified id|no such execution context|node is detached",
          Pattern.CASE_INSENSITIVE);

  public BrowserError(String doing, String versions, WebDriverException cause) {
    super(
        "browser error, not the stack (" + versions + "), " + doing + ": " + Text.firstLine(cause),
        cause);
  }

  /** Whether {@code error} is a browser's answer for a document that was going away. */
  public static boolean raced(Throwable error) {
    return error instanceof StaleElementReferenceException
        || (error != null
            && error.getMessage() != null
            && RACED.matcher(error.getMessage()).find());
  }
}
