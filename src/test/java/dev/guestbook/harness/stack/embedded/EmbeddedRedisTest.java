package dev.guestbook.harness.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed Redis start leaves: the library can launch redis-server and then fail (once the JVM
 * shuts down, its shutdown hook is refused) without knowing the process it started.
 */
class EmbeddedRedisTest {

  @TempDir Path dir;

  @Test
  void aRedisServerLeftBelowTheJvmIsKilledAndNothingElse()
      throws IOException, InterruptedException {
    Path standIn = dir.resolve("redis-server-6.2.6-v5-linux-amd64");
    Files.copy(Path.of("/bin/sleep"), standIn, StandardCopyOption.COPY_ATTRIBUTES);
    Process stray = new ProcessBuilder(standIn.toString(), "300").start();
    Process other = new ProcessBuilder("sleep", "300").start();
    try {
      assertThat(EmbeddedRedis.killStrays(ProcessHandle.current())).isEqualTo(1);
      assertThat(stray.waitFor(5, TimeUnit.SECONDS)).as("the stray redis-server is gone").isTrue();
      assertThat(other.isAlive()).as("a process that is not redis-server is left alone").isTrue();
      assertThat(EmbeddedRedis.killStrays(ProcessHandle.current())).isZero();
    } finally {
      stray.destroyForcibly();
      other.destroyForcibly();
    }
  }

  /**
   * The race the SIGTERM check met one run in several: a fault's restore starts Redis just as the
   * JVM shuts down. Replayed in a JVM of its own ({@link StartsRedisWhileShuttingDown}): no
   * redis-server may outlive it.
   */
  @Test
  void aStartWhileTheJvmShutsDownLeavesNoRedisServer() throws IOException, InterruptedException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm =
        new ProcessBuilder(
                javaBin.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StartsRedisWhileShuttingDown.class.getName(),
                dir.resolve("redis-data").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("jvm.log").toFile())
            .start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM exited").isTrue();
    String log = Files.readString(dir.resolve("jvm.log"));
    assertThat(log).as("the start during shutdown was tried").contains("start during shutdown:");
    Matcher port = Pattern.compile("port (\\d+)").matcher(log);
    assertThat(port.find()).as(log).isTrue();
    List<ProcessHandle> left =
        ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .filter(p -> procCommandLine(p).contains("redis-server"))
            .filter(p -> procCommandLine(p).contains(":" + port.group(1)))
            .toList();
    left.forEach(ProcessHandle::destroyForcibly); // a red run leaves nothing either
    assertThat(left)
        .as("a redis-server on the replayed port %s after its JVM exited", port.group(1))
        .isEmpty();
  }

  /**
   * As {@code ps} shows it: redis-server rewrites its arguments, which ProcessHandle then omits.
   */
  private static String procCommandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
