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
  void anInterruptedRunSaysWhetherItsTeardownEnded() {
    RunRecord run = new RunRecord(T0);
    run.scenario("b", scenario("Provision", 9, "RUNNING", "the whole stack is applied"));
    run.interrupted(T0.plusSeconds(45), "SIGINT", Optional.of("apply"));
    run.teardown(RunRecord.Teardown.UNDER_WAY);
    assertThat(ReportPage.render(run, "spec", T0.plusSeconds(46)))
        .contains("Teardown is under way")
        .contains("If it still says so, the process was killed before teardown ended");

    run.deploy("phase  seconds\ndestroy  30.1  OK", "Destroy complete!", "target/deploy/r/run.log");
    run.teardown(RunRecord.Teardown.ENDED);
    assertThat(ReportPage.render(run, "spec", T0.plusSeconds(90)))
        .contains("Teardown ended: the deploy phases")
        .doesNotContain("under way");

    run.teardown(RunRecord.Teardown.NOT_ENDED_IN_TIME);
    assertThat(ReportPage.render(run, "spec", T0.plusSeconds(4000)))
        .contains("Teardown did not end while this page waited for it");
  }

  @Test
  void aPageWrittenMidRunNamesTheRunningPhaseAndLinksCucumbersReport() {
    RunRecord run = new RunRecord(T0);
    run.scenario("b", scenario("Provision", 9, "RUNNING", "the whole stack is applied"));
    run.runningPhase(Optional.of("apply"));

    assertThat(
            ReportPage.render(
                run, "spec", T0.plusSeconds(30), "cucumber-in-progress.html", "Cucumber's own"))
        .contains("has not recorded an end (30 s so far)")
        .contains("deploy phase 'apply' was running")
        .contains("<a href=\"cucumber-in-progress.html\">")
        .containsPattern(
            "RUNNING</td><td class=\"name\">Provision</td><td>9</td><td>[0-9.]+</td><td>the whole stack is applied");
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
