package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnTestsTest {

  @Test
  void noTestFileIsNotJudgedNeverPassed() {
    OwnTests none = OwnTests.of(true, "\nSuccess! 0 passed, 0 failed.\n");
    assertThat(none.outcome()).isEqualTo(OwnTests.Outcome.NONE);
    assertThat(none.why()).contains("no test to run").contains("0 passed, 0 failed");
  }

  @Test
  void passedFailedOrCutShort() {
    assertThat(OwnTests.of(true, "Success! 6 passed, 0 failed.").outcome())
        .isEqualTo(OwnTests.Outcome.PASSED);
    assertThat(OwnTests.of(false, "Failure! 5 passed, 1 failed.").outcome())
        .isEqualTo(OwnTests.Outcome.FAILED);
    assertThat(OwnTests.of(false, "Error: Failed to load plugin schemas").outcome())
        .isEqualTo(OwnTests.Outcome.FAILED);
    assertThat(OwnTests.of(true, "Success! 2 passed, 0 failed, 1 skipped.").outcome())
        .isEqualTo(OwnTests.Outcome.PASSED);
  }
}
