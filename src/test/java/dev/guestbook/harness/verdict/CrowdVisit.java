package dev.guestbook.harness.verdict;

/**
 * One request of a concurrent visitor: what it was, how it ended, and when it was open.
 *
 * @param request who did what ("visitor 2 signs")
 * @param ok whether it was answered 200
 * @param outcome the status and body, or why there was no answer
 * @param startedMillis when it was sent, in ms after the event began (negative: before it)
 * @param atMillis when it ended, in ms after the event began (negative: before it)
 */
public record CrowdVisit(
    String request, boolean ok, String outcome, long startedMillis, long atMillis) {

  /** Whether the request was open at some moment of {@code [fromMillis, toMillis]}. */
  public boolean openDuring(long fromMillis, long toMillis) {
    return startedMillis <= toMillis && atMillis >= fromMillis;
  }

  @Override
  public String toString() {
    return request
        + " sent at "
        + signed(startedMillis)
        + " ms, ended at "
        + signed(atMillis)
        + " ms: "
        + outcome;
  }

  private static String signed(long millis) {
    return (millis >= 0 ? "+" : "") + millis;
  }
}
