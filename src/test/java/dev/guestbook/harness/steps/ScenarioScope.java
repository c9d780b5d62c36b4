package dev.guestbook.harness.steps;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HeadlessChromium;
import dev.guestbook.harness.client.RedisProbe;
import dev.guestbook.harness.client.VisitorBrowser;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Target;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.stack.aws.DeployRunbook;
import dev.guestbook.harness.terraform.TerraformJobs;
import dev.guestbook.harness.terraform.TerraformReading;
import dev.guestbook.harness.terraform.TerraformUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * What a scenario sees of the {@link RunScope}: the run's stack, its Terraform jobs and the drivers
 * pointed at them, built afresh for each scenario (Cucumber's glue is scenario-scoped).
 */
public final class ScenarioScope {

  private final RunScope run = RunScope.run();

  public HarnessConfig config() {
    return run.config();
  }

  public StackUnderTest stack() {
    return run.stack();
  }

  /**
   * The Terraform checks of the configuration in {@code dir}, started on first use; skips the
   * step's scenario where there is no terraform binary.
   */
  public TerraformJobs terraformJobs(Path dir) {
    try {
      return run.terraformJobs(dir);
    } catch (TerraformUnavailableException e) {
      throw new TestAbortedException("NOT run: " + e.getMessage());
    }
  }

  /**
   * Terraform's own reading of the configuration in {@code dir}; skips the step's scenario where
   * there is no terraform binary or no AWS provider.
   */
  public TerraformReading terraformReading(Path dir) {
    return terraformReading(dir, false);
  }

  /**
   * Terraform's reading of the configuration in {@code dir}, with {@code var.certificate_arn} given
   * when {@code withCertificate}; skips the step's scenario where there is no terraform binary or
   * no AWS provider.
   */
  public TerraformReading terraformReading(Path dir, boolean withCertificate) {
    try {
      TerraformJobs checks = terraformJobs(dir);
      return withCertificate ? checks.readingWithCertificate() : checks.reading();
    } catch (TerraformUnavailableException e) {
      throw new TestAbortedException(
          "the static rules read the configuration through Terraform itself and were NOT run: "
              + e.getMessage());
    }
  }

  /** A client for the front door; skips the step's scenario where visitors cannot reach it. */
  public GuestbookClient frontDoor() {
    StackUnderTest current = stack();
    current
        .frontDoorUnreachable()
        .ifPresent(
            why -> {
              throw new TestAbortedException("the front door cannot be visited here: " + why);
            });
    return new GuestbookClient(current.frontDoor());
  }

  /**
   * A new visitor in the run's browser (a user context of its own); skips the step's scenario, with
   * why, where no browser is installed.
   */
  public VisitorBrowser visitor() {
    HeadlessChromium.unavailable()
        .ifPresent(
            why -> {
              throw new TestAbortedException("NOT run: no browser on this machine: " + why);
            });
    return run.browser().visitor();
  }

  /** The app's tasks now; skips the step's scenario where they cannot be seen running. */
  public List<TaskStatus> tasks() {
    StackUnderTest current = stack();
    current
        .tasksUnobservable()
        .ifPresent(
            why -> {
              throw new TestAbortedException("the tasks cannot be observed here: " + why);
            });
    return current.tasks();
  }

  /** The AWS deployment's runbook; skips the step's scenario on any other target. */
  public DeployRunbook deployment() {
    if (config().target() != Target.AWS) {
      throw new TestAbortedException(
          "the deploy runbook runs on the aws target only, not on " + config().target().key());
    }
    return run.runbook();
  }

  /** The runbook if this run prepared one; never prepares one. */
  Optional<DeployRunbook> preparedDeployment() {
    return run.preparedRunbook();
  }

  /** The stack's Redis as the runner reaches it; skips the step's scenario when it cannot. */
  /** The stack's fault injection; the scenario is skipped, with why, where the target has none. */
  public StackFaults faults() {
    return stack()
        .faults()
        .orElseThrow(
            () ->
                new TestAbortedException(
                    "this target cannot inject faults: " + stack().describe()));
  }

  public RedisProbe redisProbe() {
    RedisAccess access = stack().redis();
    return new RedisProbe(
        access
            .fromRunner()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "Redis cannot be checked directly: " + access.whyUnreachable())));
  }

  /** A client for one task, for checks that must bypass the front door. */
  public GuestbookClient task(TaskStatus task) {
    return new GuestbookClient(
        task.directUrl()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "task "
                            + task.id()
                            + " is not reachable directly on "
                            + stack().describe())));
  }

  /** The stack if this run already started one; never starts one. */
  Optional<StackUnderTest> startedStack() {
    return run.startedStack();
  }
}
