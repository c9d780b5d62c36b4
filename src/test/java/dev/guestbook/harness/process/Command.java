package dev.guestbook.harness.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One external command as the {@link CommandRunner} runs it: argv, working directory, extra
 * environment, what goes to stdin (never logged), how long it may take, and the secrets to mask in
 * its output.
 *
 * @param argv the program and its arguments
 * @param workDir where it runs; empty: the JVM's working directory
 * @param environment added to (or replacing) the inherited environment
 * @param stdin written to the process's stdin, then closed; empty: stdin is closed at once
 * @param timeout when the runner stops it (SIGINT, grace, SIGTERM, SIGKILL)
 * @param secrets exact values masked wherever they appear in the output and the log
 * @param stdoutOnly the result's output is stdout alone (a value to parse); stderr goes to the log
 */
public record Command(
    List<String> argv,
    Optional<Path> workDir,
    Map<String, String> environment,
    Optional<String> stdin,
    Duration timeout,
    List<String> secrets,
    boolean stdoutOnly) {

  public Command {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    secrets = List.copyOf(secrets);
  }

  public static Command of(Duration timeout, List<String> argv) {
    return new Command(
        argv, Optional.empty(), Map.of(), Optional.empty(), timeout, List.of(), false);
  }

  public static Command of(Duration timeout, String... argv) {
    return of(timeout, List.of(argv));
  }

  public Command in(Path dir) {
    return new Command(argv, Optional.of(dir), environment, stdin, timeout, secrets, stdoutOnly);
  }

  public Command withEnv(String key, String value) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(key, value);
    return new Command(argv, workDir, env, stdin, timeout, secrets, stdoutOnly);
  }

  /** Sends {@code secret} on stdin and masks it everywhere it could be echoed. */
  public Command withSecretStdin(String secret) {
    List<String> masked = new ArrayList<>(secrets);
    masked.add(secret);
    return new Command(
        argv, workDir, environment, Optional.of(secret), timeout, masked, stdoutOnly);
  }

  /** Its output is a value to parse: stdout alone; warnings on stderr go only to the log. */
  public Command parsingStdout() {
    return new Command(argv, workDir, environment, stdin, timeout, secrets, true);
  }

  /** The program's name and first argument, for one-line messages ({@code docker push}). */
  public String shortName() {
    String program = Path.of(argv.get(0)).getFileName().toString();
    return argv.size() > 1 ? program + " " + argv.get(1) : program;
  }

  /** The whole command line, for logs (secrets are never on it: they go through stdin). */
  public String line() {
    return String.join(" ", argv);
  }
}
