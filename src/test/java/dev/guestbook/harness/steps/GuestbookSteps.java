package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.verdict.PageVerdict;
import dev.guestbook.harness.verdict.TaskFleetVerdict;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.UUID;

public final class GuestbookSteps {

  private final ScenarioScope context;
  private final Visit visit;

  public GuestbookSteps(ScenarioScope context, Visit visit) {
    this.context = context;
    this.visit = visit;
  }

  @When("a visitor opens the front door")
  public void openFrontDoor() {
    visit.answered(context.frontDoor().frontPage());
  }

  @Then("the visitor sees the page titled {string} with a form to sign it")
  public void seesPage(String title) {
    assertThat(PageVerdict.guestbookPage(visit.lastAnswer(), title))
        .as("problems with the front page")
        .isEmpty();
  }

  @When("a visitor signs the guestbook with a new message")
  public void signNew() {
    sign(context.frontDoor(), newMessage());
  }

  @When("a visitor signs the guestbook through the first task with a new message")
  public void signThroughFirstTask() {
    sign(context.task(context.tasks().get(0)), newMessage());
  }

  @When("a visitor signs the guestbook with the message {string}")
  public void signWith(String message) {
    sign(context.frontDoor(), message + " " + UUID.randomUUID().toString().substring(0, 8));
  }

  @Then("the guestbook read through the front door lists the message")
  public void frontDoorLists() {
    GuestbookClient.Listing listing = Entries.read(context.frontDoor());
    assertThat(listing.entries().orElseThrow())
        .as(
            "entries at %s, answered by %s; the entry was signed through %s",
            listing.answer().url(), listing.answer().servedBy(), visit.lastAnswer().servedBy())
        .contains(visit.entry());
  }

  @Then("every task's REDISHOST names the Redis the stack provisioned")
  public void redisHostIsProvisioned() {
    assertThat(TaskFleetVerdict.redisSetting(context.tasks(), context.stack().redis().forTasks()))
        .as("REDISHOST of the tasks")
        .isEmpty();
  }

  @Then("that Redis holds the message")
  public void redisHolds() {
    var probe = context.redisProbe();
    assertThat(probe.entries())
        .as(
            "list 'guestbook' in Redis at %s (read directly, not through the app)",
            probe.endpoint())
        .contains(visit.entry());
  }

  @Then("every task lists the message when asked directly")
  public void everyTaskLists() {
    for (TaskStatus task : context.tasks()) {
      assertThat(Entries.of(context.task(task)))
          .as(
              "entries of task %s (%s); the entry was signed through %s",
              task.id(), task.where(), visit.lastAnswer().servedBy())
          .contains(visit.entry());
    }
  }

  @Then("the front page shows the message as text, not as markup")
  public void pageEscapes() {
    HttpResult page = context.frontDoor().frontPage();
    assertThat(PageVerdict.showsAsText(page, visit.entry()))
        .as("how the front page shows %s", visit.entry())
        .isEmpty();
  }

  /** Signs as many entries as the guestbook lacks, so a page that shows fewer cannot pass. */
  @Given("the guestbook holds at least {int} entries")
  public void atLeast(int entries) {
    int missing = entries - Entries.of(context.frontDoor()).size();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= missing; i++) {
      HttpResult answer = context.frontDoor().sign("filler " + run + " #" + i);
      assertThat(answer.status()).as("signing filler entry %d: %s", i, answer).isEqualTo(200);
    }
  }

  @Then("the page through the front door lists every entry the guestbook holds, oldest first")
  public void pageListsEveryEntry() {
    List<String> before = Entries.of(context.frontDoor());
    HttpResult page = context.frontDoor().frontPage();
    List<String> after = Entries.of(context.frontDoor());
    assertThat(PageVerdict.listsEveryEntry(before, page, after))
        .as("the page at %s beside the guestbook's listing", context.stack().frontDoor())
        .isEmpty();
  }

  @Given("the guestbook as it stands")
  public void rememberGuestbook() {
    visit.rememberEntriesBefore(Entries.of(context.frontDoor()));
  }

  @When("a visitor signs the guestbook with an empty message")
  public void signEmpty() {
    visit.answered(context.frontDoor().sign(""));
  }

  @When("a visitor signs the guestbook with a message of {int} characters")
  public void signLong(int length) {
    visit.answered(context.frontDoor().sign("x".repeat(length)));
  }

  @When("a visitor signs the guestbook with a message of only spaces")
  public void signBlank() {
    visit.answered(context.frontDoor().sign("   "));
  }

  @When("^a visitor sends the page's form with «([\\s\\S]*)», as a browser encodes it$")
  public void sendForm(String written) {
    visit.answered(context.frontDoor().signThroughForm(EntryText.decode(written, "")));
  }

  @Then("the entry is refused as a bad request with a JSON error")
  public void refused() {
    assertThat(PageVerdict.jsonError(visit.lastAnswer(), 400))
        .as("answer to a bad entry")
        .isEmpty();
  }

  @Then("the guestbook is unchanged")
  public void unchanged() {
    List<String> now = Entries.of(context.frontDoor());
    assertThat(now)
        .as("entries at %s after a refused entry", context.stack().frontDoor())
        .isEqualTo(visit.entriesBefore());
  }

  private void sign(GuestbookClient client, String message) {
    HttpResult answer = client.sign(message);
    assertThat(answer.status()).as("signing the guestbook: %s", answer).isEqualTo(200);
    visit.signed(message, answer);
  }

  private String newMessage() {
    return "signed by run "
        + context.config().runId()
        + " #"
        + UUID.randomUUID().toString().substring(0, 8)
        + " — grüße ✓";
  }
}
