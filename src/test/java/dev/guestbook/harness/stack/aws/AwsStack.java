package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings.Teardown;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskHealth;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The AWS target, the original deploy script made checkable: preflight, {@code terraform apply}
 * (ECR first), build and push the image by digest, full apply, force a new ECS deployment, and wait
 * until {@link RolloutJudge} says that deployment is complete. Torn down by {@code bdi.teardown}.
 */
public final class AwsStack implements StackUnderTest {

  static final String CONTAINER = "guestbook";
  private static final String BOOTSTRAP_IMAGE = "bootstrap@sha256:" + "0".repeat(64);
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration POLL = Duration.ofSeconds(15);

  private final HarnessConfig config;
  private final AwsPreflight.Session session;
  private final TerraformCli terraform;
  private final Path runDir;
  private final Path tfDir;
  private final Path log;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final PhaseClock clock = new PhaseClock();
  private final BooleanSupplier anyScenarioFailed;
  private final Map<String, Map<String, String>> environmentByTaskDefinition =
      new ConcurrentHashMap<>();
  private TerraformOutputs outputs;
  private ImagePublisher.PushedImage image;
  private String deploymentId;
  private boolean applied;

  private AwsStack(
      HarnessConfig config, AwsPreflight.Session session, BooleanSupplier anyScenarioFailed) {
    this.config = config;
    this.session = session;
    this.terraform = session.terraform();
    this.anyScenarioFailed = anyScenarioFailed;
    this.runDir = Path.of("target", "deploy", config.runId()).toAbsolutePath();
    this.tfDir = runDir.resolve("terraform");
    this.log = runDir.resolve("terraform.log");
    variables.put("region", session.clients().region().id());
    variables.put("run_id", config.runId());
    variables.put("image", BOOTSTRAP_IMAGE);
  }

  /**
   * Preflight first (nothing created on failure), then every phase; a failed phase tears down by
   * policy.
   */
  public static AwsStack start(HarnessConfig config, BooleanSupplier anyScenarioFailed) {
    AwsPreflight.Session session = AwsPreflight.check(config.aws(), System.getenv("PATH"));
    System.out.printf(
        "[deploy] preflight ok: account %s as %s in %s, %s%n",
        session.account(),
        session.callerArn(),
        session.clients().region(),
        session.terraform().binary());
    AwsStack stack = new AwsStack(config, session, anyScenarioFailed);
    try {
      stack.provisionPublishDeploy();
      return stack;
    } catch (RuntimeException e) {
      try {
        stack.close();
      } catch (RuntimeException teardown) {
        e.addSuppressed(teardown);
      }
      throw e instanceof StackStartException
          ? e
          : new StackStartException("aws target: " + e.getMessage());
    }
  }

  private void provisionPublishDeploy() {
    copyTerraform();
    saveVariables();
    Optional<Path> mirror = config.aws().pluginDir().map(Path::of);
    clock.time("init", () -> require(terraform.init(tfDir, mirror, log), "terraform init"));
    clock.time(
        "apply-ecr",
        () -> {
          applied = true;
          require(
              terraform.apply(
                  tfDir,
                  variables,
                  log,
                  List.of("aws_ecr_repository.app", "aws_ecr_lifecycle_policy.app")),
              "terraform apply (ECR)");
        });
    String repository = terraform.output(tfDir, "ecr_repository_url");
    ImagePublisher publisher =
        new ImagePublisher(Path.of("").toAbsolutePath(), runDir.resolve("docker.log"), List.of());
    String tag = GitCommit.shortId().orElse("nogit") + "-" + config.runId();
    clock.time("build", () -> publisher.build(repository, tag));
    clock.time(
        "push",
        () -> {
          publisher.login(ImagePublisher.ecrLogin(session.clients().ecr()));
          image = publisher.push(repository, tag);
        });
    System.out.printf("[deploy] pushed %s%n", image.pinned());
    variables.put("image", image.pinned());
    saveVariables();
    clock.time("apply", () -> require(terraform.apply(tfDir, variables, log), "terraform apply"));
    outputs = terraform.outputs(tfDir);
    EcsDriver ecs = ecs();
    deploymentId = clock.time("deploy", ecs::forceNewDeployment);
    System.out.printf("[deploy] forced deployment %s of %s%n", deploymentId, ecs.where());
    clock.time("rollout", () -> verifier().awaitCompletion(expectation(), ROLLOUT_TIMEOUT, POLL));
  }

  /**
   * terraform.tfvars.json is read by Terraform itself: a kept run can be destroyed by hand or by
   * the sweep.
   */
  private void saveVariables() {
    try {
      Files.writeString(
          tfDir.resolve("terraform.tfvars.json"),
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(variables),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the run's variables in " + tfDir, e);
    }
  }

  private void copyTerraform() {
    try {
      Files.createDirectories(tfDir);
      try (Stream<Path> files = Files.list(Path.of("terraform"))) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tf")).toList()) {
          Files.copy(file, tfDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + tfDir, e);
    }
  }

  private static void require(TerraformCli.Result result, String what) {
    if (!result.ok()) {
      List<String> lines = result.output().strip().lines().toList();
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      throw new StackStartException(
          "aws target: " + what + " failed (exit " + result.exitCode() + "):\n" + tail);
    }
  }

  public RolloutExpectation expectation() {
    return new RolloutExpectation(deploymentId, image.digest(), config.expectedTasks());
  }

  public RolloutVerifier verifier() {
    return new RolloutVerifier(
        ecs(),
        new TargetHealthDriver(session.clients().elb(), outputs.targetGroupArn()),
        new LogTail(session.clients().logs(), outputs.logGroupName(), "guestbook"),
        System.out,
        config.aws().verbose());
  }

  public EcsDriver ecs() {
    return new EcsDriver(session.clients().ecs(), outputs.clusterName(), outputs.serviceName());
  }

  public TerraformOutputs outputs() {
    return outputs;
  }

  public ImagePublisher.PushedImage image() {
    return image;
  }

  public String deploymentId() {
    return deploymentId;
  }

  public PhaseClock clock() {
    return clock;
  }

  /** The run's terraform and docker logs, for the report (docker's is already masked). */
  public List<Path> logs() {
    return List.of(log, runDir.resolve("docker.log"));
  }

  @Override
  public String describe() {
    return "aws stack (run "
        + config.runId()
        + ", account "
        + session.account()
        + ", "
        + session.clients().region()
        + (outputs == null
            ? ""
            : ", service "
                + outputs.serviceName()
                + " in cluster "
                + outputs.clusterName()
                + ", ALB "
                + outputs.albDnsName())
        + ")";
  }

  @Override
  public URI frontDoor() {
    return URI.create("http://" + outputs.albDnsName());
  }

  @Override
  public RedisAccess redis() {
    return new RedisAccess(
        new RedisEndpoint(outputs.redisEndpoint(), outputs.redisPort()),
        Optional.empty(),
        "ElastiCache runs in private subnets and the runner is outside the VPC; REDISHOST is checked in the task definition"
            + " and a write through the load balancer is read back instead");
  }

  @Override
  public List<TaskStatus> tasks() {
    EcsDriver ecs = ecs();
    List<TargetHealthDescription> targets =
        new TargetHealthDriver(session.clients().elb(), outputs.targetGroupArn()).targets();
    List<TaskStatus> out = new ArrayList<>();
    for (Task task : ecs.tasks()) {
      if (!"RUNNING".equals(task.lastStatus())) {
        continue;
      }
      String ip = RolloutJudge.privateIp(task).orElse("?");
      Map<String, String> env =
          environmentByTaskDefinition.computeIfAbsent(
              task.taskDefinitionArn(), arn -> ecs.containerEnvironment(arn, CONTAINER));
      out.add(
          new TaskStatus(
              "ip-" + ip.replace('.', '-'),
              true,
              health(task, ip, targets),
              Optional.empty(),
              new RedisEndpoint(
                  env.getOrDefault("REDISHOST", "(unset)"),
                  Integer.parseInt(env.getOrDefault("REDISPORT", "6379"))),
              "task " + RolloutJudge.taskId(task.taskArn()) + " (" + ip + ") of " + ecs.where()));
    }
    return out;
  }

  static TaskHealth health(Task task, String ip, List<TargetHealthDescription> targets) {
    Optional<TargetHealthDescription> target =
        targets.stream().filter(t -> ip.equals(t.target().id())).findFirst();
    String targetState =
        target
            .map(
                t ->
                    t.targetHealth().stateAsString()
                        + (t.targetHealth().reason() == null
                            ? ""
                            : " " + t.targetHealth().reasonAsString()))
            .orElse("not registered");
    String detail = "container health " + task.healthStatusAsString() + ", target " + targetState;
    boolean healthy =
        task.healthStatus() == HealthStatus.HEALTHY
            && target
                .map(t -> t.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                .orElse(false);
    return healthy ? TaskHealth.healthy(detail) : TaskHealth.unhealthy(detail);
  }

  @Override
  public Optional<StackFaults> faults() {
    return Optional.empty();
  }

  /** Tears down by policy, prints and saves the phase table; safe to call twice. */
  @Override
  public synchronized void close() {
    Teardown policy = config.aws().teardown();
    boolean destroy =
        applied
            && (policy == Teardown.ALWAYS
                || (policy == Teardown.ON_SUCCESS && !anyScenarioFailed.getAsBoolean()));
    try {
      if (destroy) {
        clock.time(
            "destroy",
            () -> require(terraform.destroy(tfDir, variables, log), "terraform destroy"));
        applied = false;
        System.out.println("[deploy] destroyed everything of run " + config.runId());
      } else if (applied) {
        System.out.println(
            "[deploy] KEPT (bdi.teardown="
                + policy.key()
                + "): run "
                + config.runId()
                + ", state in "
                + tfDir
                + "; remove with: terraform -chdir="
                + tfDir
                + " destroy  (its terraform.tfvars.json holds the variables),"
                + " or the sweep: -Dit.test=AwsSweepIT -Dbdi.sweep="
                + config.runId());
      }
    } finally {
      savePhases();
      session.clients().close();
    }
  }

  private void savePhases() {
    String table = clock.table();
    System.out.print("[deploy] phase timings\n" + table);
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("phases.txt"), table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("[deploy] could not save phases.txt: " + e.getMessage());
    }
  }
}
