package dev.guestbook.harness.process;

import dev.guestbook.harness.process.CommandResult.Ending;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the harness runs an external program (terraform, docker, git, kill): output read on
 * its own thread as it comes, masked, into the run's log; a timeout that really fires; retries only
 * for errors a caller names as transient; and, on {@link #cancel()}, one SIGINT to every running
 * command, time to stop gracefully, then SIGTERM and SIGKILL.
 *
 * <p>Commands run in a session of their own ({@code setsid}, where it exists) so that Ctrl-C at the
 * terminal reaches only the JVM: the runner then sends exactly one SIGINT. Terraform treats a
 * second interrupt as "exit immediately", which can lose state.
 */
public final class CommandRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  private static final int KEPT_OUTPUT_CHARS = 8 << 20;
  private static final Duration READER_JOIN = Duration.ofSeconds(5);

  /**
   * A value to parse (a 14 MB {@code terraform test -json -verbose} line, redacted) may take more
   * than {@link #READER_JOIN} to read on a busy machine after the process exited: cut short, it
   * would be no value at all.
   */
  private static final Duration PARSED_READER_JOIN = Duration.ofMinutes(2);

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Optional<Path> log;
  private final Duration grace;
  private final boolean ownSession;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private final Object logLock;

  /**
   * @param log the run's log, appended to; empty: output goes only to the debug log
   * @param grace how long a command may take to stop after SIGINT before SIGTERM follows
   */
  public CommandRunner(Optional<Path> log, Duration grace) {
    this(log, grace, Files.isExecutable(SETSID), new Object());
  }

  private CommandRunner(Optional<Path> log, Duration grace, boolean ownSession, Object logLock) {
    this.log = log.map(Path::toAbsolutePath);
    this.grace = grace;
    this.ownSession = ownSession;
    this.logLock = logLock;
  }

  /**
   * A runner with no log file, for short checks (versions, preflights, fmt and validate). Its
   * commands stay in the JVM's process group: Ctrl-C reaches them directly, and none outlives the
   * run.
   */
  public static CommandRunner unlogged() {
    return new CommandRunner(Optional.empty(), Duration.ofSeconds(5), false, new Object());
  }

  /** Same log and grace, never cancelled: what teardown runs its commands with after Ctrl-C. */
  public CommandRunner forTeardown() {
    return new CommandRunner(log, grace, ownSession, logLock);
  }

  public Optional<Path> log() {
    return log;
  }

  /** Runs the command to its end or its timeout; never throws for a failing command. */
  public CommandResult run(Command command) {
    long started = System.nanoTime();
    if (cancelled.get()) {
      return new CommandResult(
          command, -1, "not started: the run was cancelled", took(started), Ending.CANCELLED);
    }
    Redactor redactor = new Redactor(command.secrets());
    appendLog("$ " + redactor.redact(command.line()));
    Process process;
    try {
      if (!findable(command.argv().get(0), command.environment())) {
        throw new IOException("no such program on the PATH");
      }
      process = builder(command).start();
    } catch (IOException e) {
      String why = "cannot start " + command.argv().get(0) + ": " + e.getMessage();
      appendLog(why);
      return new CommandResult(command, -1, why, took(started), Ending.NOT_STARTED);
    }
    Running current = new Running(process, command);
    running.add(current);
    try {
      return await(current, command, redactor, started);
    } finally {
      running.remove(current);
    }
  }

  /** Reads a started command's output until it exits, its timeout fires or the run is cancelled. */
  private CommandResult await(Running current, Command command, Redactor redactor, long started) {
    Process process = current.process;
    StringBuilder output = new StringBuilder();
    StringBuilder errors = new StringBuilder();
    // a value to parse (output -json, show -json) is kept, not copied into the log
    Thread reader =
        readInBackground(
            process.getInputStream(), redactor, output, command.shortName(), !command.stdoutOnly());
    Thread errorReader =
        command.stdoutOnly()
            ? readInBackground(
                process.getErrorStream(), redactor, errors, command.shortName(), true)
            : null;
    writeStdin(process, command);
    if (cancelled.get()) {
      current.stop(grace);
    }
    if (!waitFor(process, command.timeout())) {
      LOG.warn(
          "`{}` ran past its timeout of {} s: stopping it",
          command.shortName(),
          command.timeout().toSeconds());
      // an interrupted caller is a cancellation of this command, not a timeout
      current.timedOut = !Thread.currentThread().isInterrupted();
      current.stop(grace);
    }
    String text =
        collected(
            process,
            reader,
            output,
            errorReader,
            errors,
            command.stdoutOnly() ? PARSED_READER_JOIN : READER_JOIN);
    Ending ending =
        current.cancelledByRunner
            ? Ending.CANCELLED
            : current.timedOut ? Ending.TIMED_OUT : Ending.EXITED;
    int exit = process.isAlive() ? -1 : process.exitValue();
    appendLog(
        "# `"
            + command.shortName()
            + "` "
            + ending
            + " exit "
            + exit
            + " after "
            + took(started).toSeconds()
            + " s");
    return new CommandResult(command, exit, text, took(started), ending);
  }

  /** The output once its readers are done: stdout, and a failing command's stderr after it. */
  private String collected(
      Process process,
      Thread reader,
      StringBuilder output,
      Thread errorReader,
      StringBuilder errors,
      Duration readerJoin) {
    joinReader(reader, readerJoin);
    String text;
    synchronized (output) {
      text = output.toString();
    }
    if (errorReader != null) {
      joinReader(errorReader, READER_JOIN);
      synchronized (errors) {
        if (exitOf(process) != 0) {
          // a failing command's stderr is what its message needs
          text = text + errors;
        }
      }
    }
    return text;
  }

  /**
   * Runs, and runs again (up to {@code tries} in all) only while {@code transientMeaning} names the
   * failure as transient; each retry is logged with that meaning.
   */
  public CommandResult runWithRetries(
      Command command, Function<String, Optional<String>> transientMeaning, int tries) {
    CommandResult result = run(command);
    for (int attempt = 2;
        attempt <= tries && result.ending() == Ending.EXITED && !result.ok();
        attempt++) {
      Optional<String> meaning = transientMeaning.apply(result.output());
      if (meaning.isEmpty()) {
        return result;
      }
      String line =
          "retrying `"
              + command.shortName()
              + "` ("
              + attempt
              + "/"
              + tries
              + "): "
              + meaning.get();
      LOG.info(line);
      appendLog("# " + line);
      result = run(command);
    }
    return result;
  }

  /** Runs and answers the result, or throws {@link CommandFailedException} naming {@code what}. */
  public CommandResult require(Command command, String what) {
    return run(command).orThrow(what);
  }

  /**
   * From now on no command starts; each running one gets one SIGINT, {@code grace} to stop, then
   * SIGTERM and SIGKILL. Returns when every one has ended. Safe to call from a shutdown hook.
   */
  public void cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return;
    }
    List<Running> now = new ArrayList<>(running);
    if (!now.isEmpty()) {
      LOG.warn(
          "cancelled: stopping {}",
          now.stream().map(r -> "`" + r.command.shortName() + "`").toList());
    }
    now.parallelStream().forEach(r -> r.stop(grace));
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** setsid would exec a missing program and exit 127: say "not started" instead. */
  private static boolean findable(String program, Map<String, String> environment) {
    return Executables.find(program, environment.getOrDefault("PATH", System.getenv("PATH")))
        .isPresent();
  }

  private ProcessBuilder builder(Command command) {
    List<String> argv = new ArrayList<>();
    if (ownSession) {
      argv.add(SETSID.toString());
    }
    argv.addAll(command.argv());
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(!command.stdoutOnly());
    command.workDir().ifPresent(dir -> builder.directory(dir.toFile()));
    builder.environment().putAll(command.environment());
    return builder;
  }

  private static int exitOf(Process process) {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private Thread readInBackground(
      InputStream stream, Redactor redactor, StringBuilder output, String name, boolean toLog) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  String shown = redactor.redact(line);
                  synchronized (output) {
                    output.append(shown).append('\n');
                    // a value to parse (not logged) is kept whole: a cut JSON document is no value
                    if (toLog && output.length() > KEPT_OUTPUT_CHARS) {
                      output.delete(0, output.length() - KEPT_OUTPUT_CHARS / 2);
                    }
                  }
                  if (toLog) {
                    appendLog(shown);
                    LOG.debug("[{}] {}", name, shown);
                  }
                }
              } catch (IOException e) {
                LOG.debug("output of `{}` ended: {}", name, e.toString());
              }
            },
            "output of " + name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static void writeStdin(Process process, Command command) {
    try (OutputStream in = process.getOutputStream()) {
      if (command.stdin().isPresent()) {
        in.write(command.stdin().get().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the program exited before reading its input: its exit code and output say why
      LOG.debug("stdin of `{}` closed early: {}", command.shortName(), e.toString());
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void joinReader(Thread reader, Duration wait) {
    try {
      reader.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void appendLog(String line) {
    if (log.isEmpty()) {
      return;
    }
    synchronized (logLock) {
      try {
        Files.createDirectories(log.get().getParent());
        try (Writer out =
            Files.newBufferedWriter(
                log.get(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
          out.write(line);
          out.write(System.lineSeparator());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the run's log " + log.get(), e);
      }
    }
  }

  private static Duration took(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** A command that is running now, and how the runner stops it. */
  private final class Running {
    private final Process process;
    private final Command command;
    private volatile boolean timedOut;
    private volatile boolean cancelledByRunner;
    private final AtomicBoolean interruptSent = new AtomicBoolean();

    Running(Process process, Command command) {
      this.process = process;
      this.command = command;
    }

    /** One SIGINT, {@code grace} to exit, then SIGTERM, then SIGKILL. */
    void stop(Duration grace) {
      if (!timedOut) {
        cancelledByRunner = true;
      }
      if (!process.isAlive()) {
        return;
      }
      if (ownSession && interruptSent.compareAndSet(false, true)) {
        appendLog("# sending SIGINT to `" + command.shortName() + "` (pid " + process.pid() + ")");
        signal("-INT", process.pid());
      }
      if (waitFor(process, ownSession ? grace : Duration.ofSeconds(1))) {
        return;
      }
      appendLog("# `" + command.shortName() + "` still running: SIGTERM");
      process.destroy();
      if (waitFor(process, Duration.ofSeconds(5))) {
        return;
      }
      appendLog("# `" + command.shortName() + "` still running: SIGKILL");
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(5));
    }

    /** kill(1) itself: the JDK can send only SIGTERM and SIGKILL. */
    private void signal(String signal, long pid) {
      try {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS)) {
          kill.destroyForcibly();
        }
      } catch (IOException e) {
        LOG.warn("could not send {} to pid {}: {}", signal, pid, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
