package dev.guestbook.harness.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import dev.guestbook.harness.config.Target;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.TaskStatus;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the embedded target: one clear line, and nothing left running. */
class EmbeddedStackIT {

  @TempDir Path work;

  /** The app jar as the harness resolves it (bdi.app.jar, set by the pom). */
  private final Path appJar = HarnessConfig.fromSystem().appJar();

  private HarnessConfig config(int redisPort) {
    return new HarnessConfig(
        Target.EMBEDDED,
        "it-embedded",
        appJar,
        work,
        Sabotage.NONE,
        2,
        redisPort,
        Duration.ofSeconds(30),
        AwsSettings.defaults(),
        Map.of());
  }

  /**
   * A process that is exiting may take a moment to be reaped; one still alive after 5 s was left
   * running.
   */
  @AfterEach
  void nothingLeftRunning() {
    await("every child process of this test has exited")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(
                        ProcessHandle.current()
                            .descendants()
                            .filter(ProcessHandle::isAlive)
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                            .toList())
                    .as("processes this test left running")
                    .isEmpty());
  }

  @Test
  void startsTwoHealthyTasksAndStopsEverything() {
    try (EmbeddedStack stack = EmbeddedStack.start(config(0), EmbeddedLayout.asBuilt(2, appJar))) {
      List<TaskStatus> tasks = stack.tasks();
      assertThat(tasks).extracting(TaskStatus::id).containsExactly("task-1", "task-2");
      assertThat(tasks)
          .allSatisfy(t -> assertThat(t.health().isHealthy()).as(t.health().detail()).isTrue());
      assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
          .isEqualTo(3);
    }
  }

  /**
   * Ctrl-C or SIGTERM tears the stack down from the shutdown hook while a fault scenario may still
   * restore it on its own thread: a restart after the teardown must refuse, not leave a process.
   */
  @Test
  void aClosedStackStartsNothingAgain() {
    EmbeddedStack stack = EmbeddedStack.start(config(0), EmbeddedLayout.asBuilt(2, appJar));
    stack.stopRedis();
    stack.close();
    assertThatThrownBy(stack::startRedis)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith("was closed (teardown began): not started again");
    assertThatThrownBy(stack::restore)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed (teardown began)");
    assertThatThrownBy(stack::startStoppedTasks)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("embedded task task-1 was closed (teardown began): not started again");
  }

  /**
   * Interrupted during the hang fault: a redis-server stopped by SIGSTOP never acts on SIGTERM, and
   * the teardown must not wait for it for ever.
   */
  @Test
  void aHungRedisIsStoppedByTheTeardown() {
    EmbeddedStack stack = EmbeddedStack.start(config(0), EmbeddedLayout.asBuilt(2, appJar));
    stack.hangRedis();
    assertTimeoutPreemptively(Duration.ofSeconds(30), stack::close, "the teardown of a hung Redis");
  }

  @Test
  void aBusyRedisPortIsNamedWithItsSetting() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      assertThatThrownBy(
              () ->
                  EmbeddedStack.start(
                      config(busy.getLocalPort()), EmbeddedLayout.asBuilt(2, appJar)))
          .isInstanceOf(StackStartException.class)
          .hasMessage(
              "port "
                  + busy.getLocalPort()
                  + " (bdi.embedded.redis-port) is already in use on 127.0.0.1");
    }
  }

  @Test
  void aRedisThatFailsToStartSaysWhere() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      EmbeddedRedis redis = new EmbeddedRedis(busy.getLocalPort(), work.resolve("redis"));
      assertThatThrownBy(redis::start)
          .isInstanceOf(StackStartException.class)
          .hasMessageStartingWith(
              "embedded target: Redis did not start on 127.0.0.1:" + busy.getLocalPort() + ": ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThat(redis.isRunning()).isFalse();
    }
  }

  @Test
  void anAppThatExitsAtStartIsReportedWithItsOwnLastWords() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      int port = busy.getLocalPort();
      AppProcess task =
          new AppProcess(
              "task-1",
              port,
              Map.of("REDISHOST", "127.0.0.1", "REDISPORT", "6379"),
              work.resolve("task-1.log"),
              AppLaunch.jar(appJar));
      try (task) {
        task.start();
        assertThatThrownBy(() -> task.awaitListening(Duration.ofSeconds(30)))
            .isInstanceOf(StackStartException.class)
            .hasMessage(
                "embedded target: task task-1 exited with code 3 before listening on port "
                    + port
                    + ": guestbook: port "
                    + port
                    + " is already in use (PORT)");
        assertThat(task.isRunning()).isFalse();
      }
    }
  }

  @Test
  void aFailedStackStartLeavesNothingRunning() throws Exception {
    HarnessConfig config =
        new HarnessConfig(
            Target.EMBEDDED,
            "it-embedded",
            work.resolve("not-a-jar.jar"),
            work,
            Sabotage.NONE,
            2,
            0,
            Duration.ofSeconds(30),
            AwsSettings.defaults(),
            Map.of());
    java.nio.file.Files.writeString(config.appJar(), "not a jar");
    assertThatThrownBy(
            () -> EmbeddedStack.start(config, EmbeddedLayout.asBuilt(2, config.appJar())))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining("task task-1 exited with code 1 before listening")
        .hasMessageContaining("Invalid or corrupt jarfile");
  }
}
