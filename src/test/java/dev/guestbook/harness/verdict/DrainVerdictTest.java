package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrainVerdictTest {

  private static CrowdVisit ok(long at) {
    return new CrowdVisit("visitor 1 reads", true, "200", at);
  }

  private static CrowdVisit failed(long at) {
    return new CrowdVisit("visitor 1 signs", false, "502", at);
  }

  @Test
  void failuresAboveTheAllowanceAreNamed() {
    List<CrowdVisit> visits = List.of(ok(-5), failed(10), failed(20), ok(30));
    assertThat(DrainVerdict.atMostFailed(visits, 2, "lb")).isEmpty();
    assertThat(DrainVerdict.atMostFailed(visits, 1, "lb"))
        .singleElement()
        .asString()
        .startsWith("lb: failed requests of 4: expected at most 1, saw 2: [visitor 1 signs at +10");
  }

  @Test
  void aFrontDoorThatNeverRoutesAroundTheLostTaskIsCaught() {
    List<CrowdVisit> routedAround = List.of(failed(100), ok(5_500), ok(6_000));
    assertThat(DrainVerdict.noFailureAfter(routedAround, 5, "lb")).isEmpty();
    List<CrowdVisit> never = List.of(failed(100), failed(3_000), failed(5_800), ok(6_000));
    assertThat(DrainVerdict.noFailureAfter(never, 5, "lb"))
        .singleElement()
        .asString()
        .contains("expected none later than 5 s, saw 1 later: [visitor 1 signs at +5800 ms: 502]");
  }
}
