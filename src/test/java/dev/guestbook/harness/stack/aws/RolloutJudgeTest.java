package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The rollout verdict on SDK model objects shaped like real
 * DescribeServices/DescribeTasks/DescribeTargetHealth answers.
 */
class RolloutJudgeTest {

  private static final String OURS = "ecs-svc/1111111111111111111";
  private static final String OLD = "ecs-svc/2222222222222222222";
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String OLD_DIGEST = "sha256:" + "b".repeat(64);
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/guestbook-gb-1";
  private static final RolloutExpectation EXPECT = new RolloutExpectation(OURS, DIGEST, 2);

  private static Deployment deployment(
      String id, String status, DeploymentRolloutState state, int running, String reason) {
    return Deployment.builder()
        .id(id)
        .status(status)
        .rolloutState(state)
        .rolloutStateReason(reason)
        .taskDefinition(
            "arn:aws:ecs:us-east-1:123456789012:task-definition/guestbook-gb-1:"
                + (id.equals(OURS) ? 2 : 1))
        .desiredCount(2)
        .runningCount(running)
        .pendingCount(0)
        .failedTasks(0)
        .build();
  }

  private static Service service(int desired, Deployment... deployments) {
    return Service.builder()
        .serviceName("guestbook-gb-1")
        .clusterArn(CLUSTER)
        .desiredCount(desired)
        .runningCount(desired)
        .deployments(deployments)
        .events(
            ServiceEvent.builder()
                .createdAt(Instant.parse("2026-11-26T10:00:00Z"))
                .message("(service guestbook-gb-1) has started 2 tasks")
                .build(),
            ServiceEvent.builder()
                .createdAt(Instant.parse("2026-11-26T10:05:00Z"))
                .message("(service guestbook-gb-1) has reached a steady state.")
                .build())
        .build();
  }

  private static Task task(
      String id,
      String startedBy,
      String status,
      HealthStatus health,
      String ip,
      String digest,
      String stoppedReason,
      Integer exit) {
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:123456789012:task/guestbook-gb-1/" + id)
        .startedBy(startedBy)
        .lastStatus(status)
        .desiredStatus(status.equals("STOPPED") ? "STOPPED" : "RUNNING")
        .healthStatus(health)
        .stoppedReason(stoppedReason)
        .containers(
            Container.builder()
                .name("guestbook")
                .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/guestbook-gb-1@" + digest)
                .imageDigest(digest)
                .lastStatus(status)
                .exitCode(exit)
                .build())
        .attachments(
            Attachment.builder()
                .type("ElasticNetworkInterface")
                .status("ATTACHED")
                .details(KeyValuePair.builder().name("privateIPv4Address").value(ip).build())
                .build())
        .build();
  }

  private static Task running(String id, String ip) {
    return task(id, OURS, "RUNNING", HealthStatus.HEALTHY, ip, DIGEST, null, null);
  }

  private static TargetHealthDescription target(
      String ip, TargetHealthStateEnum state, TargetHealthReasonEnum reason, String description) {
    return TargetHealthDescription.builder()
        .target(TargetDescription.builder().id(ip).port(3000).build())
        .targetHealth(
            TargetHealth.builder().state(state).reason(reason).description(description).build())
        .build();
  }

  private static TargetHealthDescription healthy(String ip) {
    return target(ip, TargetHealthStateEnum.HEALTHY, null, null);
  }

  @Test
  void aHealthyRolloutCompletes() {
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            List.of(running("t1", "10.42.100.11"), running("t2", "10.42.101.12")),
            List.of(healthy("10.42.100.11"), healthy("10.42.101.12")));
    assertThat(verdict).isInstanceOf(RolloutVerdict.Completed.class);
    assertThat(verdict.summary()).contains("COMPLETED, running 2/2, healthy targets 2/2", DIGEST);
  }

  @Test
  void aServiceScaledToZeroIsNotSuccessEvenThoughTheStableWaiterWouldPass() {
    Deployment zero =
        deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 0, null).toBuilder()
            .desiredCount(0)
            .build();
    RolloutVerdict verdict = RolloutJudge.judge(EXPECT, service(0, zero), List.of(), List.of());
    assertThat(verdict).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(verdict.summary()).contains("desired tasks: expected 2, saw 0");
  }

  @Test
  void aRollbackToTheOldTaskDefinitionIsAFailureEvenWhenStable() {
    // After the circuit breaker's rollback, only the old deployment is left, PRIMARY and steady:
    // exactly what the services-stable waiter accepts.
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OLD, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            List.of(
                task(
                    "o1",
                    OLD,
                    "RUNNING",
                    HealthStatus.HEALTHY,
                    "10.42.100.5",
                    OLD_DIGEST,
                    null,
                    null)),
            List.of(healthy("10.42.100.5")));
    assertThat(verdict).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(verdict.summary())
        .contains("deployment " + OURS, "is gone: replaced or rolled back", "PRIMARY is " + OLD);
  }

  @Test
  void aFailedRolloutStateFailsWithTheReasonEventsAndTargetCodes() {
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(
                2,
                deployment(
                    OURS,
                    "ACTIVE",
                    DeploymentRolloutState.FAILED,
                    0,
                    "ECS deployment circuit breaker: tasks failed to start."),
                deployment(OLD, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 2, null)),
            List.of(),
            List.of(
                target(
                    "10.42.100.9",
                    TargetHealthStateEnum.UNHEALTHY,
                    TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH,
                    "Health checks failed with these codes: [503]")));
    RolloutVerdict.Failed failed = (RolloutVerdict.Failed) verdict;
    assertThat(failed.summary())
        .contains("FAILED: ECS deployment circuit breaker: tasks failed to start.");
    assertThat(failed.reasons())
        .anySatisfy(r -> assertThat(r).contains("Target.ResponseCodeMismatch", "[503]"))
        .anySatisfy(r -> assertThat(r).contains("has reached a steady state"));
  }

  @Test
  void aCrashLoopingTaskFailsAtOnceWithItsExitCode() {
    List<Task> tasks =
        List.of(
            running("t1", "10.42.100.11"),
            task(
                "t2",
                OURS,
                "STOPPED",
                HealthStatus.UNKNOWN,
                "10.42.101.12",
                DIGEST,
                "Essential container in task exited",
                2));
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(
                2,
                deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 1, null),
                deployment(OLD, "ACTIVE", DeploymentRolloutState.COMPLETED, 2, null)),
            tasks,
            List.of(healthy("10.42.100.11")));
    RolloutVerdict.Failed failed = (RolloutVerdict.Failed) verdict;
    assertThat(failed.summary())
        .contains("task t2 stopped: Essential container in task exited [guestbook exit 2]");
    assertThat(failed.stoppedTaskArns()).singleElement().asString().endsWith("/t2");
  }

  @Test
  void anImageThatDoesNotExistFailsAtOnce() {
    List<Task> tasks =
        List.of(
            task(
                "t1",
                OURS,
                "STOPPED",
                HealthStatus.UNKNOWN,
                "10.42.100.11",
                DIGEST,
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to"
                    + " resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/guestbook@sha256:abc:"
                    + " not found",
                null));
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 0, null)),
            tasks,
            List.of());
    assertThat(verdict).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(verdict.summary()).contains("CannotPullContainerError");
  }

  @Test
  void aStoppedTaskOfAnOlderDeploymentIsNotOurFailure() {
    List<Task> tasks =
        new ArrayList<>(List.of(running("t1", "10.42.100.11"), running("t2", "10.42.101.12")));
    tasks.add(
        task(
            "o1",
            OLD,
            "STOPPED",
            HealthStatus.UNKNOWN,
            "10.42.100.5",
            OLD_DIGEST,
            "Scaling activity initiated by (deployment " + OURS + ")",
            143));
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            tasks,
            List.of(healthy("10.42.100.11"), healthy("10.42.101.12")));
    assertThat(verdict).isInstanceOf(RolloutVerdict.Completed.class);
  }

  @Test
  void aStuckDeploymentKeepsWaitingAndSaysOnWhat() {
    List<Task> tasks =
        List.of(
            running("t1", "10.42.100.11"),
            task(
                "t2", OURS, "RUNNING", HealthStatus.UNHEALTHY, "10.42.101.12", DIGEST, null, null));
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 2, null)),
            tasks,
            List.of(
                healthy("10.42.100.11"),
                target(
                    "10.42.101.12",
                    TargetHealthStateEnum.UNHEALTHY,
                    TargetHealthReasonEnum.TARGET_TIMEOUT,
                    "Request timed out")));
    RolloutVerdict.InProgress waiting = (RolloutVerdict.InProgress) verdict;
    assertThat(waiting.waitingFor())
        .contains("rolloutState IN_PROGRESS", "task t2 health UNHEALTHY")
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(
                        "target 10.42.101.12:3000 unhealthy Target.Timeout (Request timed out)"));
  }

  @Test
  void tasksOnAnotherDigestAreNotDone() {
    List<Task> tasks =
        List.of(
            running("t1", "10.42.100.11"),
            task(
                "t2",
                OURS,
                "RUNNING",
                HealthStatus.HEALTHY,
                "10.42.101.12",
                OLD_DIGEST,
                null,
                null));
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            tasks,
            List.of(healthy("10.42.100.11"), healthy("10.42.101.12")));
    assertThat(((RolloutVerdict.InProgress) verdict).waitingFor())
        .anySatisfy(w -> assertThat(w).contains("runs", OLD_DIGEST, "expected " + DIGEST));
  }

  @Test
  void healthyTargetsMustBeExactlyTheTaskIps() {
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            List.of(running("t1", "10.42.100.11"), running("t2", "10.42.101.12")),
            List.of(healthy("10.42.100.11"), healthy("10.42.101.12"), healthy("10.42.100.5")));
    assertThat(((RolloutVerdict.InProgress) verdict).waitingFor())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(
                        "healthy targets [10.42.100.11, 10.42.100.5, 10.42.101.12] are not exactly the task IPs"));
  }

  /**
   * Only a target in state {@code healthy} is one of ours serving: {@code initial}, {@code
   * unhealthy}, {@code unused}, {@code draining} (an old task on its way out), {@code unavailable}
   * and {@code unhealthy.draining} are not, whatever task holds the address.
   */
  @ParameterizedTest(name = "a target {0}")
  @EnumSource(
      value = TargetHealthStateEnum.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = "UNKNOWN_TO_SDK_VERSION")
  void onlyAHealthyTargetCountsAsOneOfOurs(TargetHealthStateEnum state) {
    RolloutVerdict verdict =
        RolloutJudge.judge(
            EXPECT,
            service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null)),
            List.of(running("t1", "10.42.100.11"), running("t2", "10.42.101.12")),
            List.of(healthy("10.42.100.11"), target("10.42.101.12", state, null, null)));
    if (state == TargetHealthStateEnum.HEALTHY) {
      assertThat(verdict).isInstanceOf(RolloutVerdict.Completed.class);
    } else {
      assertThat(verdict)
          .as("a target %s beside our tasks", state)
          .isInstanceOf(RolloutVerdict.InProgress.class);
      assertThat(((RolloutVerdict.InProgress) verdict).waitingFor())
          .contains(
              "healthy targets [10.42.100.11] are not exactly the task IPs"
                  + " [10.42.100.11, 10.42.101.12]",
              "target 10.42.101.12:3000 " + state);
    }
  }

  @Test
  void fatalStopReasonsAreRecognised() {
    assertThat(
            RolloutJudge.isFatal(
                "ResourceInitializationError: unable to pull secrets or registry auth"))
        .as("a pull or initialisation without a permanent cause is transient: ECS retries it")
        .isFalse();
    assertThat(
            StopReasons.of(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution"
                    + " resource retrieval failed: unable to retrieve ecr registry auth: service call"
                    + " has been retried 3 time(s): RequestError: send request failed caused by:"
                    + " Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 10.0.0.1:443:"
                    + " i/o timeout"))
        .isEqualTo(StopReasons.Kind.TRANSIENT);
    assertThat(
            StopReasons.of(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution"
                    + " resource retrieval failed: unable to retrieve ecr registry auth: service call"
                    + " has been retried 3 time(s): AccessDeniedException: User is not authorized"))
        .as("access denied: permanent")
        .isEqualTo(StopReasons.Kind.PERMANENT);
    assertThat(
            StopReasons.of(
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): image"
                    + " Manifest does not contain descriptor matching platform 'linux/arm64'"))
        .as("platform mismatch: permanent")
        .isEqualTo(StopReasons.Kind.PERMANENT);
    assertThat(
            StopReasons.of(
                "CannotPullContainerError: Error response from daemon: manifest unknown: manifest"
                    + " unknown"))
        .as("manifest unknown: permanent")
        .isEqualTo(StopReasons.Kind.PERMANENT);
    assertThat(
            StopReasons.of(
                "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy:"
                    + " httpReadSeeker: failed open: failed to do request: Get \"https://prod-us-"
                    + "east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com/\": dial tcp: i/o"
                    + " timeout"))
        .isEqualTo(StopReasons.Kind.TRANSIENT);
    assertThat(RolloutJudge.isFatal("Task failed ELB health checks in (target-group arn:...)"))
        .as("ECS replaces a task that failed its health checks: one such stop is not fatal")
        .isFalse();
    assertThat(
            RolloutJudge.failedHealthChecks(
                "Task failed ELB health checks in (target-group arn:...)"))
        .isTrue();
    assertThat(RolloutJudge.isFatal("Scaling activity initiated by (deployment ecs-svc/1)"))
        .isFalse();
    assertThat(RolloutJudge.isFatal(null)).isFalse();
  }

  private static final Instant FORCED = Instant.parse("2026-11-26T12:00:00Z");
  private static final RolloutExpectation JUST_FORCED =
      new RolloutExpectation(OURS, DIGEST, 2, FORCED, RolloutExpectation.VISIBILITY_GRACE);

  private static Deployment created(Deployment d, Instant at) {
    return d.toBuilder().createdAt(at).build();
  }

  @Test
  void aDeploymentNotYetVisibleIsInProgressWithinTheGraceAndGoneAfterIt() {
    Service beforeOursShows =
        service(
            2,
            created(
                deployment(OLD, "PRIMARY", DeploymentRolloutState.COMPLETED, 2, null),
                FORCED.minusSeconds(3600)));
    RolloutVerdict early =
        RolloutJudge.judge(
            JUST_FORCED, beforeOursShows, List.of(), List.of(), FORCED.plusSeconds(5));
    assertThat(early).isInstanceOf(RolloutVerdict.InProgress.class);
    assertThat(early.summary()).contains("not visible yet", "eventually consistent");

    RolloutVerdict late =
        RolloutJudge.judge(
            JUST_FORCED, beforeOursShows, List.of(), List.of(), FORCED.plusSeconds(61));
    assertThat(late).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(late.summary()).contains("is gone", "PRIMARY is " + OLD);
  }

  @Test
  void aNewerDeploymentThatSupersedesOursFailsFastNamingIt() {
    String newer = "ecs-svc/3333333333333333333";
    Service superseded =
        service(
            2,
            created(
                deployment(newer, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 0, null),
                FORCED.plusSeconds(30)),
            created(
                deployment(OURS, "ACTIVE", DeploymentRolloutState.IN_PROGRESS, 1, null), FORCED));
    RolloutVerdict verdict =
        RolloutJudge.judge(JUST_FORCED, superseded, List.of(), List.of(), FORCED.plusSeconds(40));
    assertThat(verdict).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(verdict.summary())
        .contains(
            "status: expected PRIMARY, saw ACTIVE, no longer PRIMARY: replaced by " + newer,
            "created 2026-11-26T12:00:30Z");

    // not yet visible, but a newer PRIMARY already is: no grace, it was superseded
    Service oursNeverShown =
        service(
            2,
            created(
                deployment(newer, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 0, null),
                FORCED.plusSeconds(30)));
    RolloutVerdict fast =
        RolloutJudge.judge(
            JUST_FORCED, oursNeverShown, List.of(), List.of(), FORCED.plusSeconds(40));
    assertThat(fast).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(fast.summary()).contains("superseded by a newer deployment " + newer);
  }

  @Test
  void oneTaskStoppedByFailedHealthChecksIsReplacedAndARepeatIsFatal() {
    Task first =
        task(
            "h1",
            OURS,
            "STOPPED",
            HealthStatus.UNHEALTHY,
            "10.42.100.21",
            DIGEST,
            "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:...)",
            null);
    Service inProgress =
        service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 1, null));
    RolloutVerdict once =
        RolloutJudge.judge(
            EXPECT, inProgress, List.of(running("t1", "10.42.100.11"), first), List.of());
    assertThat(once).isInstanceOf(RolloutVerdict.InProgress.class);
    assertThat(((RolloutVerdict.InProgress) once).waitingFor())
        .anySatisfy(w -> assertThat(w).contains("task h1 stopped", "ECS replaces it"));

    Task again =
        task(
            "h2",
            OURS,
            "STOPPED",
            HealthStatus.UNHEALTHY,
            "10.42.100.22",
            DIGEST,
            "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:...)",
            null);
    RolloutVerdict twice =
        RolloutJudge.judge(
            EXPECT, inProgress, List.of(running("t1", "10.42.100.11"), first, again), List.of());
    assertThat(twice).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(twice.summary()).contains("stopped and will not recover", "ELB health checks");
    assertThat(((RolloutVerdict.Failed) twice).stoppedTaskArns()).hasSize(2);
  }

  @Test
  void oneTransientPullStopIsReplacedAndARepeatIsFatal() {
    String timeout =
        "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: dial tcp:"
            + " i/o timeout";
    Service inProgress =
        service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 1, null));
    Task first =
        task("p1", OURS, "STOPPED", HealthStatus.UNKNOWN, "10.42.100.31", DIGEST, timeout, null);
    RolloutVerdict once =
        RolloutJudge.judge(
            EXPECT, inProgress, List.of(running("t1", "10.42.100.11"), first), List.of());
    assertThat(once).isInstanceOf(RolloutVerdict.InProgress.class);
    assertThat(((RolloutVerdict.InProgress) once).waitingFor())
        .anySatisfy(w -> assertThat(w).contains("task p1 stopped", "ECS replaces it"));
    Task again =
        task("p2", OURS, "STOPPED", HealthStatus.UNKNOWN, "10.42.100.32", DIGEST, timeout, null);
    RolloutVerdict twice =
        RolloutJudge.judge(
            EXPECT, inProgress, List.of(running("t1", "10.42.100.11"), first, again), List.of());
    assertThat(twice).isInstanceOf(RolloutVerdict.Failed.class);
    assertThat(twice.summary()).contains("stopped and will not recover", "i/o timeout");
  }

  @Test
  void oneHealthStopAndOneTransientPullAreEachReplaced() {
    Service inProgress =
        service(2, deployment(OURS, "PRIMARY", DeploymentRolloutState.IN_PROGRESS, 1, null));
    Task health =
        task(
            "h1",
            OURS,
            "STOPPED",
            HealthStatus.UNHEALTHY,
            "10.42.100.21",
            DIGEST,
            "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:...)",
            null);
    Task pull =
        task(
            "p1",
            OURS,
            "STOPPED",
            HealthStatus.UNKNOWN,
            "10.42.100.31",
            DIGEST,
            "ResourceInitializationError: unable to pull secrets or registry auth: i/o timeout",
            null);
    assertThat(
            RolloutJudge.judge(
                EXPECT,
                inProgress,
                List.of(running("t1", "10.42.100.11"), health, pull),
                List.of()))
        .isInstanceOf(RolloutVerdict.InProgress.class);
  }
}
