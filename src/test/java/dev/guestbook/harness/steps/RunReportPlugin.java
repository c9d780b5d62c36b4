package dev.guestbook.harness.steps;

import dev.guestbook.harness.report.ReportPage;
import dev.guestbook.harness.report.ReportTitles;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's own report of a run, a Cucumber plugin whose argument is the page a person opens
 * ({@code dev.guestbook.harness.steps.RunReportPlugin:target/cucumber-reports/cucumber.html}).
 * Cucumber's HTML formatter writes beside it, to {@code <name>-in-progress.html}: its page renders
 * only once the run has finished (until then it is blank), so while the run goes on the page a
 * person opens is this plugin's — a static page written again at every scenario, step and deploy
 * phase and every few seconds in between, complete at every moment, which also stays when the run
 * is killed outright (SIGKILL, a lost runner). When the JVM exits after a finished run, Cucumber's
 * finished page takes its place, its HTML, message and JSON reports titled by the features' paths
 * in the repository instead of their file URIs. When the run is interrupted (SIGINT, SIGTERM, a CI
 * cancel whose signal reaches the test JVM) the shutdown hook marks the scenario that was running
 * as interrupted, with its step and deploy phase, and once the teardown is done (as far as the
 * signals allow) adds the phase table and the run log's end. {@code <name>-run.html} keeps the
 * plugin's page in every case.
 */
public final class RunReportPlugin implements ConcurrentEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(RunReportPlugin.class);
  private static final Pattern FEATURE = Pattern.compile("(?m)^\\s*Feature:\\s*(.*)$");

  /**
   * Failsafe halts the test JVM 65 min after Maven stopped it (forkedProcessExitTimeoutInSeconds
   * 3900): the report stops waiting a minute before, so the page can still say so.
   */
  private static final Duration TEARDOWN_BOUND = Duration.ofSeconds(3900 - 60);

  private static final Duration REFRESH = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 120;

  private final Path page;
  private final Path inProgress;
  private final Path own;
  private final String name;
  private final String title;
  private final String cwd = Path.of("").toAbsolutePath().toUri().toString();
  private final RunRecord record = new RunRecord(Instant.now());
  private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();
  private final Object writing = new Object();
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bdi-run-report-refresh");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean handedOver;

  /** Where a scenario is: its current step, and the first step that did not pass. */
  private record Progress(Instant started, String step, String stopStep, String why) {}

  public RunReportPlugin(String page) {
    this.page = Path.of(page);
    this.name = this.page.getFileName().toString().replaceFirst("\\.html$", "");
    this.inProgress = this.page.resolveSibling(inProgressName(name));
    this.own = this.page.resolveSibling(name + "-run.html");
    this.title = "guestbook stack spec: " + name;
  }

  /**
   * The file Cucumber's HTML formatter writes to while the run goes on, for the page {@code
   * name}{@code .html}: {@code cucumber-in-progress.html} for {@code cucumber}.
   */
  public static String inProgressName(String name) {
    return name + "-in-progress.html";
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
    Matcher feature = FEATURE.matcher(read.getSource());
    record.feature(repositoryPath(read.getUri()), feature.find() ? feature.group(1).trim() : "");
  }

  private synchronized void runStarted() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::exiting, "bdi-run-report"));
    RunScope.run().onDeployPhaseStart(this::write);
    write();
    refresher.scheduleWithFixedDelay(
        this::write, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
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
      write();
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
    refresher.shutdownNow();
    record.finished(Instant.now());
    RunScope.run().closedRunbook().ifPresent(this::deploy);
    write();
  }

  /**
   * The shutdown hook. After a finished run, Cucumber's formatters have closed their files (they do
   * so on the same event this plugin sees, in their own order): they are retitled, and Cucumber's
   * page takes the place of this plugin's. A run that has not finished was interrupted.
   */
  private void exiting() {
    if (record.end() == RunRecord.End.FINISHED) {
      handOver();
      return;
    }
    refresher.shutdownNow();
    record.interrupted(
        Instant.now(),
        "the JVM began to shut down before the run finished: SIGINT, SIGTERM, or Maven stopping"
            + " its test JVM",
        RunScope.run().runningPhase());
    record.teardown(RunRecord.Teardown.UNDER_WAY);
    writeInterrupted();
    LOG.info("[report] the interrupted run's report: {} (also {})", page, own);
    RunScope.InterruptTeardown teardown = RunScope.run().awaitInterruptTeardown(TEARDOWN_BOUND);
    RunScope.run().closedRunbook().ifPresent(this::deploy);
    record.teardown(
        switch (teardown) {
          case NOTHING_STARTED -> RunRecord.Teardown.NOTHING_STARTED;
          case ENDED -> RunRecord.Teardown.ENDED;
          case NOT_ENDED -> RunRecord.Teardown.NOT_ENDED_IN_TIME;
        });
    writeInterrupted();
  }

  /** Cucumber's finished reports, titled by repository paths; its page in this page's place. */
  private void handOver() {
    ReportTitles.byRepositoryPath(inProgress, cwd);
    ReportTitles.byRepositoryPath(page.resolveSibling(name + ".ndjson"), cwd);
    ReportTitles.byRepositoryPath(page.resolveSibling(name + ".json"), cwd);
    if (!Files.isRegularFile(inProgress)) {
      return;
    }
    synchronized (writing) {
      try {
        Files.move(
            inProgress, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        handedOver = true;
      } catch (IOException e) {
        LOG.warn(
            "[report] cannot put Cucumber's report {} in place of {}: {}",
            inProgress,
            page,
            e.toString());
      }
    }
  }

  private void writeInterrupted() {
    synchronized (writing) {
      Instant now = Instant.now();
      replace(own, ReportPage.render(record, title, now));
      replace(
          page,
          ReportPage.render(record, title + " (Cucumber's own report could not be finished)", now));
    }
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

  /** The plugin's page, in its own file and (until Cucumber's is finished) in the page's place. */
  private void write() {
    synchronized (writing) {
      if (handedOver || record.end() == RunRecord.End.INTERRUPTED) {
        // after an interrupt the shutdown hook writes the page (the run goes on a little meanwhile)
        return;
      }
      record.runningPhase(RunScope.run().runningPhase());
      Instant now = Instant.now();
      replace(own, ReportPage.render(record, title, now));
      replace(
          page,
          ReportPage.render(
              record,
              title,
              now,
              inProgress.getFileName().toString(),
              "Cucumber's own report, readable once the run has finished (it then takes this"
                  + " page's place)"));
    }
  }

  /** Written beside, then moved in place: a reader never sees half a page. */
  private static void replace(Path file, String html) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, html, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("[report] cannot write {}", file, e);
    }
  }
}
