package dev.guestbook.harness.verdict;

/**
 * One request that was waiting inside a task (on a hung Redis) when a task got SIGTERM.
 *
 * @param request who did what ("visitor 2 signs")
 * @param status the answer's status, or -1 when there was none
 * @param servedBy which task answered ({@code X-Served-By}), empty if none said
 * @param outcome the status and body, or why there was no answer
 */
public record HeldRequest(String request, int status, String servedBy, String outcome) {

  public boolean answered() {
    return status == 200;
  }

  @Override
  public String toString() {
    return request + ": " + outcome;
  }
}
