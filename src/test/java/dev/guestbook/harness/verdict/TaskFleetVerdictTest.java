package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.TaskHealth;
import dev.guestbook.harness.stack.TaskStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskFleetVerdictTest {

  private static final RedisEndpoint REDIS = new RedisEndpoint("10.0.3.7", 6379);

  private static TaskStatus task(
      String id, boolean running, TaskHealth health, RedisEndpoint redis) {
    return new TaskStatus(id, running, health, Optional.empty(), redis, "container " + id);
  }

  private static TaskStatus healthy(String id) {
    return task(id, true, TaskHealth.healthy("200"), REDIS);
  }

  @Test
  void twoHealthyTasksOnTheProvisionedRedisPass() {
    List<TaskStatus> tasks = List.of(healthy("a"), healthy("b"));
    assertThat(TaskFleetVerdict.runningCount(tasks, 2)).isEmpty();
    assertThat(TaskFleetVerdict.health(tasks)).isEmpty();
    assertThat(TaskFleetVerdict.redisSetting(tasks, REDIS)).isEmpty();
    assertThat(TaskFleetVerdict.spread(List.of("a", "b", "a"), tasks)).isEmpty();
  }

  @Test
  void oneTaskInsteadOfTwoFailsWithWhatWasSeen() {
    assertThat(TaskFleetVerdict.runningCount(List.of(healthy("a")), 2))
        .singleElement()
        .asString()
        .contains(
            "the stack's tasks: running tasks: expected exactly 2, saw 1",
            "a [running, HEALTHY, container a]");
  }

  @Test
  void aStoppedTaskDoesNotCountAsRunning() {
    List<TaskStatus> tasks =
        List.of(healthy("a"), task("b", false, TaskHealth.unhealthy("exited 137"), REDIS));
    assertThat(TaskFleetVerdict.runningCount(tasks, 2)).hasSize(1);
    assertThat(TaskFleetVerdict.runningCount(List.of(healthy("a"), healthy("b"), healthy("c")), 2))
        .hasSize(1);
  }

  @Test
  void anUnhealthyTaskIsNamedWithItsEvidence() {
    List<TaskStatus> tasks =
        List.of(
            healthy("a"),
            task("b", true, TaskHealth.unhealthy("GET /healthz answered 503"), REDIS));
    assertThat(TaskFleetVerdict.health(tasks))
        .singleElement()
        .asString()
        .isEqualTo(
            "task b: health: expected HEALTHY, saw UNHEALTHY (container b): GET /healthz answered 503");
  }

  @Test
  void unknownHealthIsNotHealthy() {
    List<TaskStatus> tasks =
        List.of(task("a", true, new TaskHealth(TaskHealth.State.UNKNOWN, "no check yet"), REDIS));
    assertThat(TaskFleetVerdict.health(tasks)).hasSize(1);
  }

  @Test
  void noRunningTaskAtAllIsAProblemEvenWithNothingUnhealthy() {
    assertThat(TaskFleetVerdict.health(List.of()))
        .singleElement()
        .asString()
        .startsWith("the stack's tasks: running tasks: expected at least one, saw none");
  }

  @Test
  void aTaskPointedAtAnotherRedisIsNamed() {
    List<TaskStatus> tasks =
        List.of(
            healthy("a"),
            task("b", true, TaskHealth.healthy("200"), new RedisEndpoint("redis-typo", 6379)));
    assertThat(TaskFleetVerdict.redisSetting(tasks, REDIS))
        .singleElement()
        .asString()
        .contains(
            "task b: REDISHOST:REDISPORT: expected the provisioned Redis 10.0.3.7:6379, saw"
                + " redis-typo:6379");
  }

  @Test
  void aFrontDoorThatNeverReachesATaskIsNamed() {
    List<TaskStatus> tasks = List.of(healthy("a"), healthy("b"));
    assertThat(TaskFleetVerdict.spread(List.of("a", "a", "a"), tasks))
        .singleElement()
        .asString()
        .contains("task(s) [b] never reached by 3 requests through the front door");
    assertThat(TaskFleetVerdict.spread(List.of("a", "b", "zombie"), tasks))
        .singleElement()
        .asString()
        .contains("[zombie], which are not running tasks");
  }

  @Test
  void aHostNameWithADomainCountsAsItsTask() {
    List<TaskStatus> tasks = List.of(healthy("ip-10-42-100-11"), healthy("ip-10-42-101-12"));
    assertThat(
            TaskFleetVerdict.spread(
                List.of("ip-10-42-100-11.ec2.internal", "ip-10-42-101-12.ec2.internal"), tasks))
        .isEmpty();
    assertThat(TaskFleetVerdict.spread(List.of("ip-10-42-100-11.ec2.internal"), tasks))
        .singleElement()
        .asString()
        .contains("[ip-10-42-101-12]");
  }
}
