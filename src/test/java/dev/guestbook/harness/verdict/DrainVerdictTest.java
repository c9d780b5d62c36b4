package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrainVerdictTest {

  private static CrowdVisit ok(long at) {
    return new CrowdVisit("visitor 1 reads", true, "200", at - 5, at);
  }

  private static CrowdVisit failed(long at) {
    return failed(at - 5, at);
  }

  private static CrowdVisit failed(long sent, long at) {
    return new CrowdVisit("visitor 1 signs", false, "502", sent, at);
  }

  @Test
  void failuresAboveTheAllowanceAreNamed() {
    List<CrowdVisit> visits = List.of(ok(-5), failed(10), failed(20), ok(30));
    assertThat(DrainVerdict.atMostFailed(visits, 2, "lb")).isEmpty();
    assertThat(DrainVerdict.atMostFailed(visits, 1, "lb"))
        .singleElement()
        .asString()
        .startsWith(
            "lb: failed requests of 4: expected at most 1, saw 2: [visitor 1 signs sent at +5 ms, ended at +10");
  }

  @Test
  void aKillMayCostWhatWasOpenWhileTheTaskDied() {
    // the task took 120 ms to die: one request open before the kill and one sent while it died
    List<CrowdVisit> visits = List.of(ok(-30), failed(-3, 40), failed(60, 118), ok(130), ok(400));
    assertThat(DrainVerdict.onlyThoseOpenWhileItDied(visits, 120, "lb")).isEmpty();
    assertThat(DrainVerdict.tally(visits, 120))
        .isEqualTo(
            "2 requests open while the task was dying (0..120 ms), 2 of them failed;"
                + " 2 sent after it was dead, 0 of them failed");
  }

  @Test
  void aRequestSentAfterTheTaskWasDeadMustNotFail() {
    // a front door that does not try the other task when the dead one refuses: one failure after
    List<CrowdVisit> visits = List.of(failed(-3, 40), ok(130), failed(121, 123), ok(400));
    assertThat(DrainVerdict.onlyThoseOpenWhileItDied(visits, 120, "lb"))
        .singleElement()
        .asString()
        .isEqualTo(
            "lb: failed requests not open while the task was dying (0..120 ms): expected none,"
                + " saw 1: [visitor 1 signs sent at +121 ms, ended at +123 ms: 502]");
  }

  @Test
  void aFailureBeforeTheKillIsNotTheKills() {
    assertThat(DrainVerdict.onlyThoseOpenWhileItDied(List.of(failed(-50, -20)), 120, "lb"))
        .singleElement()
        .asString()
        .contains("saw 1: [visitor 1 signs sent at -50 ms, ended at -20 ms: 502]");
  }
}
