package dev.guestbook.harness.terraform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict of a configuration's own {@code terraform test}, from its exit and its summary line
 * ({@code Success! 6 passed, 0 failed.}). A configuration without a test file, or whose files have
 * no run block, makes {@code terraform test} say {@code 0 passed, 0 failed} and exit 0: nothing was
 * tested, so the promise cannot be judged — it is neither passed nor failed.
 *
 * @param outcome passed, failed, or nothing tested
 * @param why the summary in words
 */
public record OwnTests(Outcome outcome, String why) {

  /** What {@code terraform test} showed. */
  public enum Outcome {
    PASSED,
    FAILED,
    NONE
  }

  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?");

  /**
   * Judges one run.
   *
   * @param ok whether {@code terraform test} exited 0
   * @param output what it printed
   */
  public static OwnTests of(boolean ok, String output) {
    Matcher m = SUMMARY.matcher(output);
    String last = null;
    int passed = 0;
    int failed = 0;
    while (m.find()) {
      last = m.group();
      passed = Integer.parseInt(m.group(1));
      failed = Integer.parseInt(m.group(2));
    }
    if (!ok || failed > 0) {
      return new OwnTests(
          Outcome.FAILED, last == null ? "terraform test failed" : "terraform test: " + last);
    }
    if (passed == 0) {
      return new OwnTests(
          Outcome.NONE,
          "the configuration has no test to run (no *.tftest.hcl with a run block: "
              + (last == null ? "no summary" : last)
              + "), so no test could fail");
    }
    return new OwnTests(Outcome.PASSED, "terraform test: " + last);
  }
}
