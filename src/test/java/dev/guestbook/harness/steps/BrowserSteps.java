package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.VisitorBrowser;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opentest4j.TestAbortedException;

public final class BrowserSteps {

  private final ScenarioScope context;
  private final Visit visit;
  private final List<VisitorBrowser> browsers = new ArrayList<>();

  public BrowserSteps(ScenarioScope context, Visit visit) {
    this.context = context;
    this.visit = visit;
  }

  @When("^a visitor signs «([\\s\\S]*)» through the page in a browser$")
  public void signInBrowser(String written) {
    String entry = EntryText.decode(written, "m" + UUID.randomUUID().toString().substring(0, 7));
    VisitorBrowser browser = browser();
    browser.open(frontDoor());
    browser.sign(entry);
    visit.wrote(entry);
  }

  @Then("the visitor is back on the page and sees the entry there, as written")
  public void seesItThere() {
    VisitorBrowser browser = browsers.get(0);
    assertThat(URI.create(browser.currentUrl()).getPath())
        .as("where the browser landed after signing at %s", frontDoor())
        .isIn("/", "");
    assertThat(browser.title())
        .as("title of the page at %s", browser.currentUrl())
        .isEqualTo("Guestbook");
    assertThat(browser.entriesOnPage())
        .as("entries shown on the page at %s, as the browser holds them", browser.currentUrl())
        .contains(visit.entry());
  }

  @Then("a visitor in a fresh browser sees the entry on the page too")
  public void freshBrowserSeesIt() {
    VisitorBrowser fresh = browser();
    fresh.open(frontDoor());
    assertThat(fresh.entriesOnPage())
        .as("entries a second visitor (a fresh browser profile) sees at %s", fresh.currentUrl())
        .contains(visit.entry());
  }

  @Then("the guestbook read through the front door lists the entry exactly as written")
  public void listedExactly() {
    var listing = Entries.read(context.frontDoor());
    List<String> entries = listing.entries().orElseThrow();
    assertThat(entries)
        .as(
            "entries at %s, answered by %s; written %s, the nearest listed %s",
            listing.answer().url(),
            listing.answer().servedBy(),
            visible(visit.entry()),
            entries.stream()
                .filter(
                    e ->
                        e.startsWith(
                            visit.entry().substring(0, Math.min(8, visit.entry().length()))))
                .map(BrowserSteps::visible)
                .toList())
        .contains(visit.entry());
  }

  /** A failed browser scenario shows what the visitor saw: a screenshot and the page's HTML. */
  @After
  public void closeBrowsers(Scenario scenario) {
    try {
      if (scenario.isFailed()) {
        for (int i = 0; i < browsers.size(); i++) {
          VisitorBrowser browser = browsers.get(i);
          scenario.attach(
              browser.screenshot(), "image/png", "browser " + (i + 1) + ": what the visitor saw");
          scenario.attach(
              browser.pageSource().getBytes(StandardCharsets.UTF_8),
              "text/html",
              "browser " + (i + 1) + ": the page's HTML");
        }
      }
    } finally {
      browsers.forEach(VisitorBrowser::close);
      browsers.clear();
    }
  }

  /** Control characters made visible, so a CR the browser added shows in the message. */
  private static String visible(String text) {
    String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    return "\""
        + (shown.length() > 120
            ? shown.substring(0, 120) + "…(" + text.length() + " chars)"
            : shown)
        + "\"";
  }

  private VisitorBrowser browser() {
    VisitorBrowser.unavailable()
        .ifPresent(
            why -> {
              throw new TestAbortedException("NOT run: no browser on this machine: " + why);
            });
    VisitorBrowser browser = VisitorBrowser.start();
    browsers.add(browser);
    return browser;
  }

  private URI frontDoor() {
    return context.frontDoor().base();
  }
}
