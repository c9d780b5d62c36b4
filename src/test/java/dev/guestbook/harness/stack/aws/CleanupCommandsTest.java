package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfigException;
import dev.guestbook.harness.stack.StackStartException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cleanup commands' answers before anything is asked of AWS, and their exit codes. */
class CleanupCommandsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no bound              | ''   | ''  | guestbook",
        "a bound not a number  | soon | ''  | guestbook",
        "a negative bound      | -5   | ''  | guestbook",
        "a job limit not minutes | 180 | 2h | guestbook",
        "an invalid name prefix | 180 | ''  | Guestbook_",
      })
  void badInputIsExitTwoBeforeAnyCall(
      String why, String olderThan, String jobLimit, String prefix) {
    Map<String, String> properties =
        Map.of(
            ReaperCommand.OLDER_THAN,
            olderThan,
            ReaperCommand.JOB_LIMIT,
            jobLimit,
            "bdi.aws.name-prefix",
            prefix,
            // were AWS asked, this would answer: nothing listens there
            "bdi.aws.endpoint",
            "http://127.0.0.1:9");
    assertThat(ReaperCommand.run(properties, Map.of())).as(why).isEqualTo(CleanupExit.BAD_INPUT);
  }

  @Test
  void theSweepWithoutARunIdIsBadInput() {
    assertThat(SweepCommand.run(Map.of("bdi.aws.endpoint", "http://127.0.0.1:9"), Map.of()))
        .isEqualTo(CleanupExit.BAD_INPUT);
  }

  @Test
  void aBackendConfigThatIsNotThereIsBadInput() {
    assertThat(
            SweepCommand.run(
                Map.of("bdi.sweep", "gb-1", "bdi.terraform.backend-config", "no/such/backend.hcl"),
                Map.of()))
        .isEqualTo(CleanupExit.BAD_INPUT);
  }

  @Test
  void whatTheCommandAnswersIsItsExitCode() {
    assertThat(CleanupExit.of("t", () -> CleanupExit.DONE)).isEqualTo(0);
    assertThat(CleanupExit.of("t", () -> CleanupExit.LEFT)).isEqualTo(1);
  }

  @Test
  void failuresAreMappedToTheirCodes() {
    assertThat(
            CleanupExit.of(
                "t",
                () -> {
                  throw new HarnessConfigException("bdi.x: bad");
                }))
        .isEqualTo(CleanupExit.BAD_INPUT);
    assertThat(
            CleanupExit.of(
                "t",
                () -> {
                  throw new StackStartException("aws target preflight: no region");
                }))
        .isEqualTo(CleanupExit.CANNOT_RUN);
    assertThat(
            CleanupExit.of(
                "t",
                () -> {
                  throw new IllegalStateException("unexpected");
                }))
        .isEqualTo(CleanupExit.CANNOT_RUN);
  }
}
