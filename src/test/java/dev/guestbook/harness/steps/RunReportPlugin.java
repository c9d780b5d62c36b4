package dev.guestbook.harness.steps;

import dev.guestbook.harness.report.ReportPage;
import dev.guestbook.harness.report.RunRecord;
import dev.guestbook.harness.report.ScenarioRecord;
import dev.guestbook.harness.stack.aws.DeployRunbook;
import dev.guestbook.harness.text.Text;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestSourceRead;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's own report of a run, a Cucumber plugin whose argument is the Cucumber HTML report
 * it stands beside ({@code dev.guestbook.harness.steps.RunReportPlugin:target/cucumber-reports/
 * cucumber.html}). It writes {@code <name>-run.html} after every scenario, so even a run that is
 * killed leaves a report of what ended; when the JVM exits after a finished run it titles
 * Cucumber's HTML, message and JSON reports by the features' paths in the repository instead of
 * their file URIs. When the run is interrupted (Ctrl-C, SIGTERM, a CI cancel) Cucumber's HTML
 * report can never be finished — it renders as a blank page — so the plugin's shutdown hook marks
 * the scenario that was running as interrupted, with its step and deploy phase, writes its report
 * in Cucumber's report's place too, and once the teardown is done (as far as the signals allow)
 * adds the phase table and the run log's end.
 */
public final class RunReportPlugin implements ConcurrentEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(RunReportPlugin.class);
  private static final Pattern FEATURE = Pattern.compile("(?m)^\\s*Feature:\\s*(.*)$");
  private static final Duration TEARDOWN_BOUND = Duration.ofMinutes(30);
  private static final int LOG_TAIL_LINES = 120;

  private final Path cucumberHtml;
  private final Path own;
  private final String title;
  private final String cwd = Path.of("").toAbsolutePath().toUri().toString();
  private final RunRecord record = new RunRecord(Instant.now());
  private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();
  private final Object writing = new Object();
  private Thread hook;

  /** Where a scenario is: its current step, and the first step that did not pass. */
  private record Progress(Instant started, String step, String stopStep, String why) {}

  public RunReportPlugin(String cucumberHtml) {
    this.cucumberHtml = Path.of(cucumberHtml);
    String name = this.cucumberHtml.getFileName().toString().replaceFirst("\\.html$", "");
    this.own = this.cucumberHtml.resolveSibling(name + "-run.html");
    this.title = "guestbook stack spec: " + name;
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestSourceRead.class, this::sourceRead);
    publisher.registerHandlerFor(TestRunStarted.class, e -> runStarted());
    publisher.registerHandlerFor(TestCaseStarted.class, this::caseStarted);
    publisher.registerHandlerFor(TestStepStarted.class, this::stepStarted);
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
    publisher.registerHandlerFor(TestRunFinished.class, e -> runFinished());
  }

  private void sourceRead(TestSourceRead read) {
    Matcher name = FEATURE.matcher(read.getSource());
    record.feature(repositoryPath(read.getUri()), name.find() ? name.group(1).trim() : "");
  }

  private synchronized void runStarted() {
    hook = new Thread(this::interrupted, "bdi-run-report");
    Runtime.getRuntime().addShutdownHook(hook);
    write();
  }

  private void caseStarted(TestCaseStarted started) {
    TestCase test = started.getTestCase();
    progress.put(test.getId(), new Progress(started.getInstant(), "", "", ""));
    record.scenario(test.getId(), scenario(test, "RUNNING", Duration.ZERO));
    write();
  }

  private void stepStarted(TestStepStarted started) {
    if (started.getTestStep() instanceof PickleStepTestStep step) {
      progress.computeIfPresent(
          started.getTestCase().getId(),
          (id, p) -> new Progress(p.started(), step.getStep().getText(), p.stopStep(), p.why()));
      record.scenario(
          started.getTestCase().getId(), scenario(started.getTestCase(), "RUNNING", Duration.ZERO));
    }
  }

  private void stepFinished(TestStepFinished finished) {
    Result result = finished.getResult();
    if (result.getStatus() == Status.PASSED
        || result.getStatus() == Status.SKIPPED && result.getError() == null) {
      return;
    }
    String step =
        finished.getTestStep() instanceof PickleStepTestStep s ? s.getStep().getText() : "(a hook)";
    String why =
        result.getError() == null
            ? result.getStatus().name()
            : Text.abbreviate(result.getError().toString(), 1500);
    progress.computeIfPresent(
        finished.getTestCase().getId(),
        (id, p) -> p.stopStep().isEmpty() ? new Progress(p.started(), p.step(), step, why) : p);
  }

  private void caseFinished(TestCaseFinished finished) {
    TestCase test = finished.getTestCase();
    record.scenario(
        test.getId(),
        scenario(
            test, finished.getResult().getStatus().name(), finished.getResult().getDuration()));
    progress.remove(test.getId());
    write();
  }

  private synchronized void runFinished() {
    record.finished(Instant.now());
    RunScope.run().closedRunbook().ifPresent(this::deploy);
    write();
  }

  /**
   * The shutdown hook. After a finished run, Cucumber's formatters have closed their files (they do
   * so on the same event this plugin sees, in their own order): they are retitled now. A run that
   * has not finished was interrupted.
   */
  private void interrupted() {
    if (record.end() == RunRecord.End.FINISHED) {
      for (String kind : List.of(".html", ".ndjson", ".json")) {
        titleByRepositoryPath(
            cucumberHtml.resolveSibling(
                cucumberHtml.getFileName().toString().replaceFirst("\\.html$", kind)));
      }
      return;
    }
    record.interrupted(
        Instant.now(),
        "SIGINT or SIGTERM: the JVM began to shut down",
        RunScope.run().runningPhase());
    writeInterrupted();
    LOG.info("[report] the interrupted run's report: {} (also in place of {})", own, cucumberHtml);
    RunScope.run().afterInterruptCleanup(TEARDOWN_BOUND).ifPresent(this::deploy);
    writeInterrupted();
  }

  private void writeInterrupted() {
    write();
    String page =
        ReportPage.render(
            record, title + " (Cucumber's own report could not be finished)", Instant.now());
    replace(cucumberHtml, page);
  }

  private void deploy(DeployRunbook runbook) {
    Path log = runbook.logs().get(0);
    String tail = "";
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      tail =
          String.join(
              "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      tail = "(cannot read " + log + ": " + e.getMessage() + ")";
    }
    record.deploy(runbook.clock().table(), tail, log.toString());
  }

  private ScenarioRecord scenario(TestCase test, String status, Duration took) {
    Progress p = progress.getOrDefault(test.getId(), new Progress(Instant.now(), "", "", ""));
    boolean running = status.equals("RUNNING");
    return new ScenarioRecord(
        repositoryPath(test.getUri()),
        test.getName(),
        test.getLocation().getLine(),
        status,
        running || p.stopStep().isEmpty() ? p.step() : p.stopStep(),
        running ? "" : p.why(),
        running ? Duration.between(p.started(), Instant.now()) : took);
  }

  /** {@code features/faults.feature} for {@code file:///…/features/faults.feature}. */
  private String repositoryPath(URI uri) {
    String text = uri.toString();
    if (text.startsWith(cwd)) {
      return text.substring(cwd.length());
    }
    return text.startsWith("file:") ? text.substring("file:".length()) : text;
  }

  private void write() {
    replace(own, ReportPage.render(record, title, Instant.now()));
  }

  /** Written beside, then moved in place: a reader never sees half a page. */
  private void replace(Path file, String page) {
    synchronized (writing) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, page, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        LOG.warn("[report] cannot write {}: {}", file, e.toString());
      }
    }
  }

  /** Cucumber's reports name features by file URI; the repository path reads better. */
  private void titleByRepositoryPath(Path report) {
    if (!Files.isRegularFile(report)) {
      return;
    }
    try {
      String text = Files.readString(report, StandardCharsets.UTF_8);
      // the HTML and messages carry file:///…/features/x.feature, the JSON file:features/x.feature
      String titled = text.replace(cwd, "").replace("\"file:features/", "\"features/");
      if (!titled.equals(text)) {
        replace(report, titled);
      }
    } catch (IOException e) {
      LOG.warn("[report] cannot retitle {}: {}", report, e.toString());
    }
  }
}
