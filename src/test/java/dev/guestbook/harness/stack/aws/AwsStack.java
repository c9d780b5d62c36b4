package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskHealth;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.terraform.TerraformOutputs;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The deployed stack as the specs see it: the ALB, the ElastiCache endpoint and the ECS tasks of
 * one deployment, read fresh from AWS on every call. {@link DeployRunbook} builds it after the
 * rollout; closing it is the runbook's business (teardown by policy), not the view's.
 */
public final class AwsStack implements StackUnderTest {

  static final String CONTAINER = "guestbook";

  private final String runId;
  private final String account;
  private final AwsClients clients;
  private final TerraformOutputs outputs;
  private final Optional<String> emulatorLimit;
  private final Map<String, Map<String, String>> environmentByTaskDefinition =
      new ConcurrentHashMap<>();

  /**
   * @param emulatorLimit why visitors and tasks cannot be checked (an emulator runs no tasks and
   *     serves no load balancer); empty on AWS
   */
  AwsStack(
      String runId,
      String account,
      AwsClients clients,
      TerraformOutputs outputs,
      Optional<String> emulatorLimit) {
    this.runId = runId;
    this.account = account;
    this.clients = clients;
    this.outputs = outputs;
    this.emulatorLimit = emulatorLimit;
  }

  public TerraformOutputs outputs() {
    return outputs;
  }

  EcsDriver ecs() {
    return new EcsDriver(clients.ecs(), outputs.clusterName(), outputs.serviceName());
  }

  @Override
  public String describe() {
    return "aws stack (run "
        + runId
        + ", account "
        + account
        + ", "
        + clients.where()
        + ", service "
        + outputs.serviceName()
        + " in cluster "
        + outputs.clusterName()
        + ", ALB "
        + outputs.albDnsName()
        + ")";
  }

  @Override
  public URI frontDoor() {
    return URI.create("http://" + outputs.albDnsName());
  }

  @Override
  public Optional<String> frontDoorUnreachable() {
    return emulatorLimit;
  }

  @Override
  public Optional<String> tasksUnobservable() {
    return emulatorLimit;
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
        new TargetHealthDriver(clients.elb(), outputs.targetGroupArn()).targets();
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

  /** The runbook owns the stack's life: teardown by policy happens there, once, at the end. */
  @Override
  public void close() {
    // nothing of its own to release
  }
}
