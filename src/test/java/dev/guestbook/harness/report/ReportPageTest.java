package dev.guestbook.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's own report, written at any moment of a run. */
class ReportPageTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static ScenarioRecord scenario(String name, int line, String status, String step) {
    return new ScenarioRecord(
        "features/deploy.feature", name, line, status, step, "", Duration.ofSeconds(3));
  }

  @Test
  void anInterruptedRunMarksTheRunningScenarioWithItsPhaseAndStep() {
    RunRecord run = new RunRecord(T0);
    run.feature("features/deploy.feature", "Deploy the guestbook to AWS");
    run.scenario("a", scenario("Static one", 3, "PASSED", "it holds"));
    run.scenario(
        "b",
        scenario(
            "Provision, publish, deploy and verify", 9, "RUNNING", "the whole stack is applied"));

    run.interrupted(T0.plusSeconds(45), "SIGINT", Optional.of("apply"));
    run.scenario(
        "b",
        scenario(
            "Provision, publish, deploy and verify", 9, "FAILED", "the whole stack is applied"));
    run.scenario("c", scenario("Later", 20, "FAILED", "x"));
    run.deploy(
        "phase  seconds\napply  19.4  INTERRUPTED",
        "terraform: Interrupt received",
        "target/deploy/r/run.log");
    String page = ReportPage.render(run, "spec", T0.plusSeconds(60));

    assertThat(page)
        .contains("The run was INTERRUPTED after 45 s (SIGINT)")
        .contains("features/deploy.feature: Deploy the guestbook to AWS")
        .containsPattern("INTERRUPTED</td><td class=\"name\">Provision, publish, deploy and verify")
        .contains("SIGINT during deploy phase 'apply'")
        .contains("in step 'the whole stack is applied'; then it ended FAILED")
        .contains("ended after the interrupt")
        .contains("<pre id=\"phases\">phase  seconds")
        .contains("terraform: Interrupt received");
    assertThat(page.indexOf("Static one")).isLessThan(page.indexOf("Provision, publish"));
  }

  @Test
  void aRunWithNoRecordedEndSaysItMayHaveBeenKilled() {
    RunRecord run = new RunRecord(T0);
    run.scenario("a", scenario("Done", 3, "PASSED", "it holds"));

    assertThat(ReportPage.render(run, "spec", T0.plusSeconds(5)))
        .contains("has not recorded an end")
        .contains("killed before it could say so")
        .contains("1 scenario(s): 1 passed");
  }

  @Test
  void whatAScenarioSaysIsShownAsText() {
    RunRecord run = new RunRecord(T0);
    run.scenario(
        "a",
        new ScenarioRecord(
            "features/x.feature",
            "<script>alert(1)</script>",
            1,
            "FAILED",
            "s",
            "a & b",
            Duration.ZERO));
    run.finished(T0.plusSeconds(1));

    assertThat(ReportPage.render(run, "spec", T0.plusSeconds(2)))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("a &amp; b")
        .contains("The run finished after 1 s.");
  }
}
