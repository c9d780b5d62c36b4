package dev.guestbook.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

  @TempDir Path dir;

  private CommandRunner runner() {
    return new CommandRunner(Optional.of(dir.resolve("run.log")), Duration.ofSeconds(5));
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("run.log"));
  }

  @Test
  void aCommandThatHangsEndsAtItsTimeoutWithItsLastLines() throws IOException {
    long started = System.nanoTime();
    // a hung `docker push` used to be read to EOF before its timeout was ever looked at
    CommandResult result =
        runner()
            .run(
                Command.of(
                    Duration.ofSeconds(1),
                    "bash",
                    "-c",
                    "echo preparing; echo pushing layer 3/7; exec sleep 600"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.ending()).isEqualTo(CommandResult.Ending.TIMED_OUT);
    assertThat(result.ok()).isFalse();
    assertThat(result.describe(5))
        .contains("`bash -c` timed out after 1 s and was stopped", "pushing layer 3/7");
    assertThat(log()).contains("$ bash -c", "pushing layer 3/7", "TIMED_OUT");
  }

  @Test
  void aFailureCarriesItsExitCodeAndLastLinesInTheException() {
    assertThatThrownBy(
            () ->
                runner()
                    .require(
                        Command.of(
                            Duration.ofSeconds(10), "bash", "-c", "echo one; echo two >&2; exit 3"),
                        "the thing"))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("the thing: `bash -c` exited 3; last lines:")
        .hasMessageContaining("one")
        .hasMessageContaining("two");
  }

  @Test
  void aProgramThatDoesNotExistIsNamed() {
    CommandResult result =
        runner().run(Command.of(Duration.ofSeconds(5), "/nonexistent/terraform", "init"));
    assertThat(result.ending()).isEqualTo(CommandResult.Ending.NOT_STARTED);
    assertThat(result.describe(3)).contains("could not be started", "/nonexistent/terraform");
  }

  @Test
  void aSecretOnStdinNeverReachesTheOutputOrTheLog() throws IOException {
    String secret = "eyJwYXlsb2FkIjoiZG9udC1sZWFrLW1lIn0";
    CommandResult result =
        runner().run(Command.of(Duration.ofSeconds(10), "cat").withSecretStdin(secret));
    assertThat(result.ok()).isTrue();
    assertThat(result.output()).contains("****").doesNotContain(secret);
    assertThat(log()).doesNotContain(secret);
  }

  @Test
  void retriesOnlyWhatIsNamedTransient() throws IOException {
    Path count = dir.resolve("count");
    String script =
        "n=$(cat "
            + count
            + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > "
            + count
            + "; if [ $n -lt 3 ]; then echo 'Error: RequestLimitExceeded'; exit 1; fi; echo done";
    CommandResult result =
        runner()
            .runWithRetries(
                Command.of(Duration.ofSeconds(10), "bash", "-c", script),
                out ->
                    out.contains("RequestLimitExceeded")
                        ? Optional.of("throttled")
                        : Optional.empty(),
                3);
    assertThat(result.ok()).isTrue();
    assertThat(Files.readString(count).strip()).isEqualTo("3");
    assertThat(log()).contains("retrying `bash -c` (2/3): throttled", "(3/3)");

    Files.writeString(count, "0");
    CommandResult permanent =
        runner()
            .runWithRetries(
                Command.of(Duration.ofSeconds(10), "bash", "-c", "echo 'Error: invalid'; exit 1"),
                out ->
                    out.contains("RequestLimitExceeded")
                        ? Optional.of("throttled")
                        : Optional.empty(),
                3);
    assertThat(permanent.exitCode()).isEqualTo(1);
  }

  @Test
  void cancelSendsOneSigintAndWaitsForAGracefulStop() throws Exception {
    CommandRunner runner = runner();
    Path signals = dir.resolve("signals");
    // python, not bash: a shell started with SIGINT ignored (a background job) cannot trap it
    String program =
        "import signal, sys, time\n"
            + "def got(n, f):\n"
            + "    open(sys.argv[1], 'a').write('INT\\n')\n"
            + "    print('stopping gracefully', flush=True); time.sleep(0.5); sys.exit(130)\n"
            + "signal.signal(signal.SIGINT, got)\n"
            + "print('ready', flush=True)\n"
            + "time.sleep(600)\n";
    CompletableFuture<CommandResult> running =
        CompletableFuture.supplyAsync(
            () ->
                runner.run(
                    Command.of(
                        Duration.ofMinutes(5), "python3", "-c", program, signals.toString())));
    await("the stand-in to be ready")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> Files.exists(dir.resolve("run.log")) && log().lines().anyMatch("ready"::equals));

    long started = System.nanoTime();
    runner.cancel();
    CommandResult result = running.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.ending()).isEqualTo(CommandResult.Ending.CANCELLED);
    assertThat(result.exitCode()).as("exited by itself after its graceful stop").isEqualTo(130);
    assertThat(Files.readAllLines(signals)).as("SIGINTs received").containsExactly("INT");
    assertThat(result.output()).contains("stopping gracefully");

    AtomicInteger starts = new AtomicInteger();
    CommandResult after = runner.run(Command.of(Duration.ofSeconds(5), "true"));
    assertThat(after.ending())
        .as("nothing starts after cancel")
        .isEqualTo(CommandResult.Ending.CANCELLED);
    assertThat(starts).hasValue(0);
    assertThat(runner.forTeardown().run(Command.of(Duration.ofSeconds(5), "true")).ok())
        .as("teardown still runs its commands")
        .isTrue();
  }
}
