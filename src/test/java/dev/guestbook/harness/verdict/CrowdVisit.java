package dev.guestbook.harness.verdict;

/**
 * One request of a concurrent visitor: what it was, how it ended, and when.
 *
 * @param request who did what ("visitor 2 signs")
 * @param ok whether it was answered 200
 * @param outcome the status and body, or why there was no answer
 * @param atMillis when it ended, in ms after the event began (negative: before it)
 */
public record CrowdVisit(String request, boolean ok, String outcome, long atMillis) {
  @Override
  public String toString() {
    return request + " at " + (atMillis >= 0 ? "+" : "") + atMillis + " ms: " + outcome;
  }
}
