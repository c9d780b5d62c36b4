package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.PageVerdict;
import io.cucumber.java.After;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

public final class FaultSteps {

  private final ScenarioScope context;
  private final Visit visit;
  private final List<String> failedVisits = new ArrayList<>();
  private int visits;

  public FaultSteps(ScenarioScope context, Visit visit) {
    this.context = context;
    this.visit = visit;
  }

  /** Whatever a fault scenario broke is put back, pass or fail, before the next scenario. */
  @After(value = "@fault", order = 100)
  public void restoreTheStack() {
    context.startedStack().flatMap(s -> s.faults()).ifPresent(StackFaults::restore);
  }

  @When("one task is stopped while a visitor keeps reading the guestbook {int} times")
  public void stopTaskUnderLoad(int times) {
    GuestbookClient frontDoor = context.frontDoor();
    CompletableFuture<String> stopped =
        CompletableFuture.supplyAsync(() -> context.faults().stopOneTask());
    for (int i = 0; i < times; i++) {
      record(frontDoor::listing);
      if (i == times / 2) {
        stopped.join();
      }
    }
    stopped.join();
  }

  @Then("at most {int} of those visits failed")
  public void atMostFailed(int allowed) {
    assertThat(failedVisits.size())
        .as(
            "failed visits of %d through %s while a task stopped: %s",
            visits, context.stack().frontDoor(), failedVisits)
        .isLessThanOrEqualTo(allowed);
  }

  @Then("the visitor can still sign the guestbook through the front door")
  public void canStillSign() {
    HttpResult answer = context.frontDoor().sign("after a task stopped " + UUID.randomUUID());
    assertThat(answer.status()).as("signing after a task stopped: %s", answer).isEqualTo(200);
  }

  @When("Redis stops")
  public void redisStops() {
    context.faults().stopRedis();
  }

  @When("Redis hangs")
  public void redisHangs() {
    context.faults().hangRedis();
  }

  @When("Redis resumes")
  public void redisResumes() {
    context.faults().resumeRedis();
  }

  @When("Redis starts again")
  public void redisStarts() {
    context.faults().startRedis();
  }

  /** "answers 503 with a JSON reason" while Redis is down, "answers 200 again" after. */
  @Then(
      "^the front door health check answers (\\d+) (?:with a JSON reason|again) within (\\d+) seconds$")
  public void healthAnswers(int status, int seconds) {
    awaitAnswer(
        "front door /healthz answers " + status,
        seconds,
        () -> context.frontDoor().health(),
        status);
  }

  @Then("signing the guestbook answers 503 with a JSON error within {int} seconds")
  public void signingFailsFast(int seconds) {
    answersPromptly(
        () -> context.frontDoor().sign("while Redis is down " + UUID.randomUUID()), seconds);
  }

  @Then("reading the guestbook answers 503 with a JSON error within {int} seconds")
  public void readingFailsFast(int seconds) {
    answersPromptly(() -> context.frontDoor().listing(), seconds);
  }

  /** The exchange's own time, as the HTTP client measured it (not the client's start-up). */
  private void answersPromptly(Supplier<HttpResult> request, int seconds) {
    HttpResult answer;
    try {
      answer = request.get();
    } catch (Exception noAnswer) {
      throw new AssertionError(
          "time to answer: expected at most "
              + seconds
              + " s while Redis is unavailable, saw no answer within the client's read timeout: "
              + Text.firstLine(noAnswer),
          noAnswer);
    }
    assertThat(PageVerdict.jsonError(answer, 503)).as("answer while Redis is down").isEmpty();
    assertThat(answer.took())
        .as(
            "time to answer %s while Redis is unavailable (as measured by the HTTP client)",
            answer.url())
        .isGreaterThanOrEqualTo(Duration.ZERO)
        .isLessThanOrEqualTo(Duration.ofSeconds(seconds));
  }

  private void awaitAnswer(String alias, int seconds, Supplier<HttpResult> request, int status) {
    await(alias)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResult answer = request.get();
              visit.answered(answer);
              assertThat(answer.status()).as("%s", answer).isEqualTo(status);
              assertThat(answer.contentType()).as("%s", answer).startsWith("application/json");
            });
  }

  private void record(Supplier<HttpResult> request) {
    visits++;
    try {
      HttpResult answer = request.get();
      if (answer.status() != 200) {
        failedVisits.add(answer.toString());
      }
    } catch (Exception e) {
      failedVisits.add(e.toString());
    }
  }
}
