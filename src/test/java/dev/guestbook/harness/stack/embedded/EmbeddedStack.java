package dev.guestbook.harness.stack.embedded;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import dev.guestbook.harness.stack.FreePorts;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The default target, needing only a JDK: a real redis-server, two app JVMs on free ports with
 * REDISHOST/REDISPORT pointing at it, and a round-robin proxy standing in for the load balancer.
 */
public final class EmbeddedStack implements StackUnderTest, StackFaults {

  /** Where the sabotaged in-memory app's main class lives (test classes, not the shipped jar). */
  static final String IN_MEMORY_MAIN = "dev.guestbook.harness.sabotage.InMemoryGuestbook";

  /** An address in the loopback range where no Redis listens: a REDISHOST typo, safely. */
  static final String NOWHERE_HOST = "127.0.0.2";

  private final Deque<AutoCloseable> cleanup;
  private final List<AppProcess> tasks = new ArrayList<>();
  private final Sabotage sabotage;
  private final EmbeddedRedis redis;
  private final RoundRobinFrontDoor frontDoor;

  private EmbeddedStack(HarnessConfig config, Deque<AutoCloseable> cleanup) {
    this.cleanup = cleanup;
    this.sabotage = config.sabotage();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    Path logs = config.workDir();

    int redisPort = config.embeddedRedisPort();
    if (redisPort != 0) {
      FreePorts.requireFree(redisPort, "bdi.embedded.redis-port");
    } else {
      redisPort = FreePorts.pick();
    }
    this.redis = new EmbeddedRedis(redisPort, logs.resolve("redis-data"));
    cleanup.push(redis);
    redis.start();

    int count = sabotage == Sabotage.ONE_TASK ? 1 : config.expectedTasks();
    for (int i = 1; i <= count; i++) {
      String id = "task-" + i;
      AppProcess task =
          new AppProcess(
              id,
              FreePorts.pick(),
              redisSettingFor(i),
              logs.resolve(id + ".log"),
              launch(config),
              http);
      cleanup.push(task);
      tasks.add(task);
      task.start();
    }
    for (AppProcess task : tasks) {
      task.awaitListening(config.startupTimeout());
    }
    this.frontDoor = new RoundRobinFrontDoor(this::upstreams, http);
    cleanup.push(frontDoor);
  }

  /**
   * Brings the stack up, or fails with one line and leaves nothing running. Everything started is
   * registered for cleanup before the next thing starts.
   */
  public static EmbeddedStack start(HarnessConfig config) {
    Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    try {
      return new EmbeddedStack(config, cleanup);
    } catch (RuntimeException e) {
      List<String> ignored = closeAll(cleanup);
      throw e instanceof StackStartException
          ? e
          : new StackStartException(
              "embedded target: " + e + (ignored.isEmpty() ? "" : "; cleanup: " + ignored));
    }
  }

  private RedisEndpoint redisSettingFor(int taskNumber) {
    boolean wrong =
        sabotage == Sabotage.WRONG_REDISHOST
            || (sabotage == Sabotage.ONE_UNHEALTHY_TASK && taskNumber == 2);
    return wrong ? new RedisEndpoint(NOWHERE_HOST, redis.endpoint().port()) : redis.endpoint();
  }

  private static AppProcess.Launch launch(HarnessConfig config) {
    if (config.sabotage() != Sabotage.IN_MEMORY_APP) {
      return AppProcess.Launch.jar(config.appJar());
    }
    String testClasses = Path.of(codeSourceOf(IN_MEMORY_MAIN)).toString();
    return AppProcess.Launch.mainClass(
        config.appJar() + java.io.File.pathSeparator + testClasses, IN_MEMORY_MAIN);
  }

  private static URI codeSourceOf(String className) {
    try {
      return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      throw new StackStartException("embedded target: cannot locate " + className + ": " + e);
    }
  }

  private List<URI> upstreams() {
    List<AppProcess> pool = sabotage == Sabotage.FRONT_DOOR_ONE_TASK ? tasks.subList(0, 1) : tasks;
    return pool.stream().filter(AppProcess::isRunning).map(AppProcess::url).toList();
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
        + (sabotage == Sabotage.NONE ? "" : ", SABOTAGED: " + sabotage.description())
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
    AppProcess victim =
        tasks.stream()
            .filter(AppProcess::isRunning)
            .reduce((a, b) -> b)
            .orElseThrow(
                () -> new IllegalStateException("no running task to stop in " + describe()));
    victim.stop();
    return victim.id();
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
    redis.start();
    for (AppProcess task : tasks) {
      if (!task.isRunning()) {
        task.start();
        task.awaitListening(Duration.ofSeconds(30));
      }
    }
    if (sabotage == Sabotage.NONE) {
      await("every task healthy again after a fault")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> tasks().stream().allMatch(t -> t.health().isHealthy()));
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
