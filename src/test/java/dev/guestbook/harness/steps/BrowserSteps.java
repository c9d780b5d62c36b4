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
    browser.sign(entry);
    visit.wrote(entry);
  }

  @Then("the visitor is back on the page and sees the entry there, as written")
  public void seesItThere() {
    VisitorBrowser browser = browsers.get(0);
    String at = browser.currentUrl();
    assertThat(URI.create(at).getPath())
        .as("where the browser landed after signing at %s", frontDoor())
        .isIn("/", "");
    assertThat(browser.title()).as("title of the page at %s", at).isEqualTo("Guestbook");
    assertThat(browser.redirectsToThisPage())
        .as(
            "redirects that led from the form's answer to the page at %s (a form answered with the"
                + " page itself, not 303 to it, is sent again by a reload)",
            at)
        .isEqualTo(1);
    seesOnce(browser, "the visitor who signed");
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
            visible(visit.entry()),
            nearest(entries))
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

  /**
   * The entry is on the page once, as its text holds it (exactly) and as it is rendered for the eye
   * (its innerText where the browser shows it: white space as the page's CSS lays it out, so lines
   * and runs of spaces must survive; hidden text is not there).
   */
  private void seesOnce(VisitorBrowser browser, String who) {
    String at = browser.currentUrl();
    List<String> held = browser.entriesOnPage();
    assertThat(held)
        .as(
            "entries on the page at %s, as the browser of %s holds them; written %s, the nearest %s",
            at, who, visible(visit.entry()), nearest(held))
        .containsOnlyOnce(visit.entry());
    List<String> shown = browser.entriesAsShown();
    assertThat(shown)
        .as(
            "entries on the page at %s as rendered for %s; written %s, the nearest shown %s",
            at, who, visible(visit.entry()), nearest(shown))
        .contains(visit.entry());
  }

  /** The entries that begin as the written one does (its marker), for a message. */
  private List<String> nearest(List<String> entries) {
    String start = visit.entry().strip();
    String prefix = start.substring(0, Math.min(8, start.length()));
    return entries.stream()
        .filter(e -> e.strip().startsWith(prefix))
        .map(BrowserSteps::visible)
        .toList();
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

  private VisitorBrowser visitor() {
    VisitorBrowser browser = context.visitor();
    browsers.add(browser);
    return browser;
  }

  private URI frontDoor() {
    return context.frontDoor().base();
  }
}
