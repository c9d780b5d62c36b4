package dev.guestbook.harness.stack.embedded;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.stack.FreePorts;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskExit;
import dev.guestbook.harness.stack.TaskStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default target, needing only a JDK: a real redis-server, two app JVMs on free ports with
 * REDISHOST/REDISPORT pointing at it, and a round-robin proxy standing in for the load balancer.
 */
public final class EmbeddedStack implements StackUnderTest, StackFaults {

  private final Deque<AutoCloseable> cleanup;
  private final List<AppProcess> tasks = new ArrayList<>();
  private final EmbeddedLayout layout;
  private final EmbeddedRedis redis;
  private final RoundRobinFrontDoor frontDoor;
  private final Set<String> deregistered = ConcurrentHashMap.newKeySet();

  private EmbeddedStack(HarnessConfig config, EmbeddedLayout layout, Deque<AutoCloseable> cleanup) {
    this.cleanup = cleanup;
    this.layout = layout;
    Path logs = config.workDir();

    int redisPort = config.embeddedRedisPort();
    if (redisPort != 0) {
      FreePorts.requireFree(redisPort, "bdi.embedded.redis-port");
    } else {
      redisPort = FreePorts.pick();
    }
    this.redis = new EmbeddedRedis(redisPort, logs.resolve("redis-data"), layout.redisPersistent());
    cleanup.push(redis);
    redis.start();

    for (int i = 1; i <= layout.tasks(); i++) {
      String id = "task-" + i;
      Map<String, String> env = new LinkedHashMap<>();
      env.put("REDISHOST", redis.endpoint().host());
      env.put("REDISPORT", Integer.toString(redis.endpoint().port()));
      env.putAll(layout.environmentOf(i));
      AppProcess task =
          new AppProcess(id, FreePorts.pick(), env, logs.resolve(id + ".log"), layout.launch());
      cleanup.push(task);
      tasks.add(task);
      task.start();
    }
    for (AppProcess task : tasks) {
      task.awaitListening(config.startupTimeout());
    }
    this.frontDoor = new RoundRobinFrontDoor(this::upstreams, layout.frontDoorRetries());
    cleanup.push(frontDoor);
  }

  /**
   * Brings the stack up, or fails with one line and leaves nothing running. Everything started is
   * registered for cleanup before the next thing starts.
   */
  public static EmbeddedStack start(HarnessConfig config, EmbeddedLayout layout) {
    Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    try {
      return new EmbeddedStack(config, layout, cleanup);
    } catch (RuntimeException e) {
      List<String> ignored = closeAll(cleanup);
      throw e instanceof StackStartException
          ? e
          : new StackStartException(
              "embedded target: " + e + (ignored.isEmpty() ? "" : "; cleanup: " + ignored), e);
    }
  }

  /**
   * Like an ALB, the front door does not know whether a task's process runs: a gone task refuses
   * the connection, and the front door tries the next one. A task being stopped the platform's way
   * is taken out first ({@link #deregisterAndStop}).
   */
  private List<URI> upstreams() {
    return tasks.subList(0, layout.frontDoorPool()).stream()
        .filter(t -> !deregistered.contains(t.id()))
        .map(AppProcess::url)
        .toList();
  }

  /**
   * How ECS stops a task behind a load balancer: out of the target group first, the requests in
   * flight to it drained (bounded, as the deregistration delay is), then SIGTERM. A task that got
   * SIGTERM while requests were still being sent to it would refuse some that were already on their
   * way — which no ALB in front of ECS sees.
   */
  private void deregisterAndStop(AppProcess task) {
    deregistered.add(task.id());
    await(task.id() + " drained at the front door before SIGTERM")
        .pollDelay(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> frontDoor.inFlight(task.url()) == 0);
    task.stop();
  }

  @Override
  public String describe() {
    return "embedded stack (front door "
        + frontDoor.url()
        + ", Redis "
        + redis.endpoint()
        + ", "
        + tasks.size()
        + " task(s)"
        + layout.deviation().map(d -> ", " + d).orElse("")
        + ")";
  }

  @Override
  public URI frontDoor() {
    return frontDoor.url();
  }

  @Override
  public RedisAccess redis() {
    return RedisAccess.reachable(redis.endpoint(), redis.endpoint());
  }

  @Override
  public List<TaskStatus> tasks() {
    return tasks.stream().map(AppProcess::status).toList();
  }

  @Override
  public Optional<StackFaults> faults() {
    return Optional.of(this);
  }

  @Override
  public String stopOneTask() {
    AppProcess victim = lastRunningTask("stop");
    deregisterAndStop(victim);
    return victim.id();
  }

  @Override
  public String terminateOneTask() {
    AppProcess victim = lastRunningTask("send SIGTERM to");
    victim.terminate();
    return victim.id();
  }

  @Override
  public TaskExit awaitExit(String task, Duration bound) {
    AppProcess process =
        tasks.stream()
            .filter(t -> t.id().equals(task))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no task " + task + " in " + describe()));
    return new TaskExit(task, process.awaitExit(bound), bound);
  }

  @Override
  public String killOneTask() {
    AppProcess victim = lastRunningTask("kill");
    victim.kill();
    return victim.id();
  }

  private AppProcess lastRunningTask(String verb) {
    return tasks.stream()
        .filter(AppProcess::isRunning)
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new IllegalStateException("no running task to " + verb + " in " + describe()));
  }

  @Override
  public void startStoppedTasks() {
    for (AppProcess task : tasks) {
      if (!task.isRunning()) {
        task.start();
        task.awaitListening(Duration.ofSeconds(30));
      }
      deregistered.remove(task.id());
    }
    awaitHealthy("every task healthy after a restart");
  }

  @Override
  public void rollTasks() {
    for (AppProcess task : tasks) {
      deregisterAndStop(task);
      task.start();
      task.awaitListening(Duration.ofSeconds(30));
      deregistered.remove(task.id());
      awaitHealthy(task.id() + " healthy after its restart");
    }
  }

  private void awaitHealthy(String alias) {
    await(alias)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> tasks().stream().allMatch(t -> t.running() && t.health().isHealthy()));
  }

  @Override
  public void crashRedis() {
    redis.crash();
  }

  @Override
  public void signalRedis(String signal) {
    redis.signal(signal);
  }

  @Override
  public void stopRedis() {
    redis.stop();
  }

  @Override
  public void startRedis() {
    redis.start();
  }

  @Override
  public void restore() {
    if (redis.isRunning()) {
      resumeRedis(); // harmless when it was not frozen
    }
    redis.start();
    for (AppProcess task : tasks) {
      if (!task.isRunning()) {
        task.start();
        task.awaitListening(Duration.ofSeconds(30));
      }
      deregistered.remove(task.id());
    }
    if (layout.deviation().isEmpty()) {
      awaitHealthy("every task healthy again after a fault");
    }
  }

  /**
   * Stops the front door, then the tasks (SIGTERM), then Redis; collects rather than stops at
   * errors.
   */
  @Override
  public void close() {
    List<String> failures = closeAll(cleanup);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("embedded stack cleanup had errors: " + failures);
    }
  }

  private static List<String> closeAll(Deque<AutoCloseable> resources) {
    List<String> failures = new ArrayList<>();
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
    return failures;
  }
}
