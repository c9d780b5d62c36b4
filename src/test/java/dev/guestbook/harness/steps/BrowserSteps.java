package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.VisitorBrowser;
import dev.guestbook.harness.verdict.VisitorPageVerdict;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    VisitorBrowser browser = visitor();
    browser.open(frontDoor());
    String held = browser.sign(entry);
    visit.wrote(entry);
    assertThat(VisitorPageVerdict.fieldHeldTheEntry(entry, held, frontDoor().toString()))
        .as("what the visitor wrote into the page at %s", frontDoor())
        .isEmpty();
  }

  @Then("the visitor is back on the page and sees the entry there, as written")
  public void seesItThere() {
    VisitorBrowser browser = browsers.get(0);
    String at = browser.currentUrl();
    assertThat(
            VisitorPageVerdict.backOnThePage(
                URI.create(at).getPath(),
                browser.title(),
                browser.redirectsToThisPage(),
                "Guestbook",
                at))
        .as("where signing at %s led the visitor", frontDoor())
        .isEmpty();
    seesOnce(browser, "the visitor who signed");
  }

  @Then("the entry and the page's form can be read: their text has at least WCAG 2.2 AA contrast")
  public void readable() {
    VisitorBrowser browser = browsers.get(0);
    assertThat(
            VisitorPageVerdict.readable(
                browser.textColours(visit.entry()), "the page at " + browser.currentUrl()))
        .as("how readable the page is to the visitor who signed at %s", frontDoor())
        .isEmpty();
  }

  @Then("a visitor in a fresh browser sees the entry on the page too")
  public void freshBrowserSeesIt() {
    VisitorBrowser fresh = visitor();
    fresh.open(frontDoor());
    seesOnce(fresh, "a second visitor (a user context of its own)");
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
            VisitorPageVerdict.visible(visit.entry()),
            VisitorPageVerdict.nearest(entries, visit.entry()))
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

  private void seesOnce(VisitorBrowser browser, String who) {
    String at = browser.currentUrl();
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                browser.entriesOnPage(), browser.entriesAsShown(), visit.entry(), who, at))
        .as("the entry on the page at %s", at)
        .isEmpty();
  }

  private VisitorBrowser visitor() {
    VisitorBrowser browser = context.visitor();
    browsers.add(browser);
    return browser;
  }

  private URI frontDoor() {
    return context.frontDoor().base();
  }
}
