package dev.guestbook.harness.stack.compose;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.stack.FreePorts;
import dev.guestbook.harness.stack.HostExposure;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackFaults;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskExit;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.stack.TaskUser;
import dev.guestbook.harness.stack.TaskWrite;
import dev.guestbook.harness.text.Text;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;

/**
 * The compose target: {@code docker-compose.yml} brought up by Testcontainers' {@link
 * ComposeContainer} (local {@code docker compose}), the app image built from {@code
 * docker/Dockerfile}. Front door = the HAProxy load balancer on a free 127.0.0.1 port; tasks = the
 * containers labelled {@code guestbook.role=task}; Redis reached from the runner through
 * Testcontainers' ambassador.
 */
public final class ComposeStack implements StackUnderTest, StackFaults {

  private static final Logger LOG = LoggerFactory.getLogger(ComposeStack.class);

  static final String ROLE = "guestbook.role";
  static final String PROJECT = "com.docker.compose.project";
  private static final int WEB_PORT = 3000;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final String identifier;
  private final int frontDoorPort;
  private final ComposeContainer compose;
  private final DockerClient docker;
  private final ComposeLayout layout;

  private ComposeStack(
      String identifier,
      int frontDoorPort,
      ComposeContainer compose,
      DockerClient docker,
      ComposeLayout layout) {
    this.identifier = identifier;
    this.frontDoorPort = frontDoorPort;
    this.compose = compose;
    this.docker = docker;
    this.layout = layout;
  }

  /**
   * Builds the image, starts the stack, waits until the front door answers; or one line and nothing
   * left.
   */
  public static ComposeStack start(HarnessConfig config, ComposeLayout layout) {
    String identifier = config.runId();
    int port = FreePorts.pick();
    Map<String, String> env = new LinkedHashMap<>(layout.environment());
    env.put("GUESTBOOK_PORT", Integer.toString(port));
    ComposePreflight.check(layout, env);
    DockerClient docker = DockerClientFactory.instance().client();
    List<File> files = layout.files().stream().map(Path::toFile).toList();
    ComposeContainer compose =
        new ComposeContainer(identifier, files)
            .withEnv(env)
            .withBuild(true)
            .withPull(false)
            .withRemoveVolumes(true)
            .withRemoveImages(ComposeContainer.RemoveImages.LOCAL)
            .withExposedService("redis-1", 6379)
            .withStartupTimeout(config.startupTimeout());
    ComposeStack stack = new ComposeStack(identifier, port, compose, docker, layout);
    try {
      // /tmp as Fargate will give it to the same image (FargateTmp)
      String nocopy = FargateTmp.nocopy(FargateTmp.builtImageVolumes(layout, env, identifier));
      compose.withEnv(FargateTmp.NOCOPY_VARIABLE, nocopy);
      compose.start();
      stack.awaitFrontDoor(Duration.ofSeconds(30));
      stack.checkTempMounts(Boolean.parseBoolean(nocopy));
      return stack;
    } catch (RuntimeException e) {
      String diagnosis = stack.diagnose();
      stack.close();
      throw e instanceof StackStartException
          ? e
          : new StackStartException(
              "compose target: the stack did not come up: "
                  + diagnosis
                  + " ("
                  + Text.firstLine(e)
                  + ")",
              e);
    }
  }

  private void awaitFrontDoor(Duration atMost) {
    URI health = frontDoor().resolve("/healthz");
    try {
      await("front door " + health + " answers 200")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .failFast(
              "no task container is running", () -> tasks().stream().noneMatch(TaskStatus::running))
          .until(() -> status(health) == 200);
    } catch (TerminalFailureException | ConditionTimeoutException e) {
      throw new StackStartException(
          "compose target: the front door "
              + health
              + " did not answer 200 within "
              + atMost.toSeconds()
              + " s: "
              + diagnose(),
          e);
    }
  }

  /**
   * Every task's {@code /tmp} is the volume {@link FargateTmp} decided on: a writable volume mount
   * with {@code nocopy} as decided — not a tmpfs or a copy, which would hide what Fargate does.
   */
  private void checkTempMounts(boolean nocopy) {
    for (Container task : containers("task")) {
      InspectContainerResponse info = docker.inspectContainerCmd(task.getId()).exec();
      List<com.github.dockerjava.api.model.Mount> mounts =
          info.getHostConfig() == null || info.getHostConfig().getMounts() == null
              ? List.of()
              : info.getHostConfig().getMounts();
      Optional<com.github.dockerjava.api.model.Mount> temp =
          mounts.stream().filter(m -> FargateTmp.CONTAINER_PATH.equals(m.getTarget())).findFirst();
      boolean asDecided =
          temp.isPresent()
              && temp.get().getType() == MountType.VOLUME
              && !Boolean.TRUE.equals(temp.get().getReadOnly())
              && nocopy
                  == (temp.get().getVolumeOptions() != null
                      && Boolean.TRUE.equals(temp.get().getVolumeOptions().getNoCopy()));
      if (!asDecided) {
        throw new StackStartException(
            "compose target: task "
                + service(task)
                + "'s "
                + FargateTmp.CONTAINER_PATH
                + ": expected a writable volume with nocopy="
                + nocopy
                + " (as Fargate mounts the task's volume for this image), saw "
                + temp.map(
                        m ->
                            m.getType()
                                + " nocopy="
                                + (m.getVolumeOptions() == null
                                    ? null
                                    : m.getVolumeOptions().getNoCopy())
                                + " readOnly="
                                + m.getReadOnly())
                    .orElse(
                        "no mount there (tmpfs: "
                            + (info.getHostConfig() == null
                                ? null
                                : info.getHostConfig().getTmpFs())
                            + ")"));
      }
    }
  }

  private int status(URI uri) {
    try {
      return new GuestbookClient(frontDoor(), Duration.ofSeconds(2)).get(uri.getPath()).status();
    } catch (Exception noAnswer) {
      return -1;
    }
  }

  /** One line on every container of this run: state, health, and the last health-check output. */
  String diagnose() {
    List<String> parts = new ArrayList<>();
    try {
      for (Container container : containers(null)) {
        InspectContainerResponse info = docker.inspectContainerCmd(container.getId()).exec();
        parts.add(service(container) + " " + ComposeFacts.describeState(info));
      }
    } catch (RuntimeException e) {
      parts.add("containers could not be listed: " + e.getMessage());
    }
    return parts.isEmpty()
        ? "no container of project " + identifier + "* exists"
        : String.join("; ", parts);
  }

  private List<Container> containers(String role) {
    var cmd = docker.listContainersCmd().withShowAll(true);
    if (role != null) {
      cmd = cmd.withLabelFilter(Map.of(ROLE, role));
    }
    return cmd.exec().stream()
        .filter(
            c ->
                c.getLabels() != null
                    && c.getLabels().getOrDefault(PROJECT, "").startsWith(identifier))
        .sorted(Comparator.comparing(ComposeStack::service))
        .toList();
  }

  /** The containers of {@code role} that are running now. */
  private List<Container> runningContainers(String role) {
    return containers(role).stream().filter(ComposeStack::running).toList();
  }

  /** The containers of {@code role} that are not running (stopped, exited, created). */
  private List<Container> stoppedContainers(String role) {
    return containers(role).stream().filter(c -> !running(c)).toList();
  }

  private static boolean running(Container c) {
    return "running".equals(c.getState());
  }

  private static String service(Container container) {
    String name =
        container.getNames() == null || container.getNames().length == 0
            ? container.getId()
            : container.getNames()[0];
    return name.startsWith("/") ? name.substring(1) : name;
  }

  @Override
  public String describe() {
    return "compose stack (project "
        + identifier
        + "*, front door "
        + frontDoor()
        + ", Redis redis:6379"
        + layout.deviation().map(d -> ", " + d).orElse("")
        + ")";
  }

  @Override
  public URI frontDoor() {
    return URI.create("http://127.0.0.1:" + frontDoorPort);
  }

  @Override
  public RedisAccess redis() {
    RedisEndpoint runner =
        new RedisEndpoint(
            compose.getServiceHost("redis-1", 6379), compose.getServicePort("redis-1", 6379));
    return RedisAccess.reachable(new RedisEndpoint("redis", 6379), runner);
  }

  @Override
  public List<TaskStatus> tasks() {
    return containers("task").stream()
        .map(c -> ComposeFacts.task(docker.inspectContainerCmd(c.getId()).exec(), WEB_PORT))
        .toList();
  }

  /** Every host binding of every container of the project (the runner's ambassador is not one). */
  @Override
  public HostExposure hostExposure() {
    List<HostExposure.PublishedPort> published = new ArrayList<>();
    for (Container c : containers(null)) {
      InspectContainerResponse info = docker.inspectContainerCmd(c.getId()).exec();
      String service = c.getLabels().getOrDefault("com.docker.compose.service", service(c));
      if (info.getNetworkSettings() == null || info.getNetworkSettings().getPorts() == null) {
        continue;
      }
      info.getNetworkSettings()
          .getPorts()
          .getBindings()
          .forEach(
              (exposed, bindings) -> {
                if (bindings != null) {
                  for (Ports.Binding b : bindings) {
                    published.add(
                        new HostExposure.PublishedPort(
                            service,
                            exposed.getPort(),
                            b.getHostIp() == null || b.getHostIp().isEmpty()
                                ? "0.0.0.0"
                                : b.getHostIp(),
                            Integer.parseInt(b.getHostPortSpec())));
                  }
                }
              });
    }
    return HostExposure.of(published);
  }

  /** {@code docker top} of every running task: the UID column of each of its processes. */
  @Override
  public Optional<List<TaskUser>> taskUsers() {
    List<TaskUser> users = new ArrayList<>();
    for (Container c : runningContainers("task")) {
      TopContainerResponse top = docker.topContainerCmd(c.getId()).exec();
      int column = List.of(top.getTitles()).indexOf("UID");
      List<String> uids = new ArrayList<>();
      if (column >= 0 && top.getProcesses() != null) {
        for (String[] process : top.getProcesses()) {
          uids.add(process[column]);
        }
      }
      users.add(new TaskUser(service(c), uids));
    }
    return Optional.of(users);
  }

  /**
   * Where a task tries to write: {@code /var/tmp}, which anyone may write on a writable root
   * filesystem (so only a read-only root refuses it), and its temp dir.
   */
  static final List<String> WRITE_PROBES = List.of("/var/tmp", "/tmp");

  @Override
  public Optional<List<TaskWrite>> tryWrites() {
    List<TaskWrite> writes = new ArrayList<>();
    for (Container c : runningContainers("task")) {
      for (String dir : WRITE_PROBES) {
        String file = dir + "/.bdi-write-probe";
        ExecOutput run =
            exec(c.getId(), "sh", "-c", "touch " + file + " && rm -f " + file + " && echo written");
        writes.add(
            new TaskWrite(
                service(c),
                dir,
                run.exitCode() == 0 && run.output().contains("written"),
                run.output()));
      }
    }
    return Optional.of(writes);
  }

  private record ExecOutput(long exitCode, String output) {}

  /** Runs {@code command} inside a container, bounded to 10 s, and answers its exit and output. */
  private ExecOutput exec(String containerId, String... command) {
    String execId =
        docker
            .execCreateCmd(containerId)
            .withCmd(command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder output = new StringBuilder();
    try (ResultCallback.Adapter<Frame> done =
        docker
            .execStartCmd(execId)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                  }
                })) {
      if (!done.awaitCompletion(10, TimeUnit.SECONDS)) {
        throw new StackStartException(
            "compose target: `"
                + String.join(" ", command)
                + "` in "
                + containerId
                + " ran past 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException(
          "compose target: interrupted while running a command in a task", e);
    } catch (IOException e) {
      throw new StackStartException("compose target: cannot run a command in a task", e);
    }
    Long exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    return new ExecOutput(exit == null ? -1 : exit, output.toString().strip());
  }

  @Override
  public Optional<StackFaults> faults() {
    return Optional.of(this);
  }

  @Override
  public String stopOneTask() {
    Container victim = lastRunningTask();
    deregister(ComposeFacts.read(docker.inspectContainerCmd(victim.getId()).exec()).ip());
    docker.stopContainerCmd(victim.getId()).withTimeout((int) STOP_TIMEOUT.toSeconds()).exec();
    return ComposeFacts.task(docker.inspectContainerCmd(victim.getId()).exec(), WEB_PORT).id();
  }

  /**
   * Takes the replica at {@code ip} out of HAProxy's rotation (runtime API: state maint, so no new
   * request goes to it) and waits, bounded, until the requests it is serving through HAProxy have
   * ended: what ECS does with a task's target before it sends SIGTERM. The front door is restarted
   * when the task is started again, which puts every replica back.
   */
  private void deregister(String ip) {
    String lb = containers("front-door").get(0).getId();
    Optional<String> server =
        haproxy(lb, "show servers state web")
            .lines()
            .map(String::trim)
            .filter(l -> !l.startsWith("#") && !l.isEmpty())
            .map(l -> l.split("\\s+"))
            .filter(f -> f.length > 4 && f[4].equals(ip))
            .map(f -> f[3])
            .findFirst();
    if (server.isEmpty()) {
      LOG.warn(
          "[compose] no HAProxy server has address {}: stopping it without deregistration", ip);
      return;
    }
    haproxy(lb, "set server web/" + server.get() + " state maint");
    await("replica " + ip + " (" + server.get() + ") drained at the front door before SIGTERM")
        .pollDelay(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> currentSessions(haproxy(lb, "show stat"), server.get()) == 0);
  }

  /** One command to HAProxy's runtime API, inside the front door's container. */
  private String haproxy(String lb, String command) {
    ExecOutput out =
        exec(
            lb,
            "bash",
            "-c",
            "exec 3<>/dev/tcp/127.0.0.1/9999 && printf '%s\\n' \"$0\" >&3 && cat <&3",
            command);
    if (out.exitCode() != 0) {
      throw new StackStartException(
          "compose target: HAProxy's runtime API did not take `" + command + "`: " + out.output());
    }
    return out.output();
  }

  /** {@code scur} of backend {@code web}'s {@code server} in HAProxy's {@code show stat} CSV. */
  static int currentSessions(String stat, String server) {
    return stat.lines()
        .map(l -> l.split(","))
        .filter(f -> f.length > 4 && f[0].equals("web") && f[1].equals(server))
        .mapToInt(f -> f[4].isEmpty() ? 0 : Integer.parseInt(f[4]))
        .findFirst()
        .orElse(0);
  }

  @Override
  public String terminateOneTask() {
    Container victim = lastRunningTask();
    docker.killContainerCmd(victim.getId()).withSignal("TERM").exec();
    return ComposeFacts.task(docker.inspectContainerCmd(victim.getId()).exec(), WEB_PORT).id();
  }

  @Override
  public TaskExit awaitExit(String task, Duration bound) {
    Container container =
        containers("task").stream()
            .filter(
                c ->
                    ComposeFacts.task(docker.inspectContainerCmd(c.getId()).exec(), WEB_PORT)
                        .id()
                        .equals(task))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no task " + task + " in " + describe()));
    try {
      await(service(container) + " exits after SIGTERM")
          .atMost(bound)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  !Boolean.TRUE.equals(
                      docker
                          .inspectContainerCmd(container.getId())
                          .exec()
                          .getState()
                          .getRunning()));
    } catch (ConditionTimeoutException stillRunning) {
      return new TaskExit(task, OptionalInt.empty(), bound);
    }
    Long code = docker.inspectContainerCmd(container.getId()).exec().getState().getExitCodeLong();
    return new TaskExit(
        task, code == null ? OptionalInt.empty() : OptionalInt.of(code.intValue()), bound);
  }

  @Override
  public String killOneTask() {
    Container victim = lastRunningTask();
    docker.killContainerCmd(victim.getId()).withSignal("KILL").exec();
    await(service(victim) + " gone after SIGKILL")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                !Boolean.TRUE.equals(
                    docker.inspectContainerCmd(victim.getId()).exec().getState().getRunning()));
    return ComposeFacts.task(docker.inspectContainerCmd(victim.getId()).exec(), WEB_PORT).id();
  }

  private Container lastRunningTask() {
    return runningContainers("task").stream()
        .reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("no running task container in " + describe()));
  }

  @Override
  public void startStoppedTasks() {
    List<Container> stopped = stoppedContainers("task");
    stopped.forEach(c -> docker.startContainerCmd(c.getId()).exec());
    awaitTasksHealthy("every task container healthy after a restart");
    if (!stopped.isEmpty()) {
      reloadFrontDoor();
    }
  }

  @Override
  public void rollTasks() {
    for (Container task : containers("task")) {
      docker.stopContainerCmd(task.getId()).withTimeout((int) STOP_TIMEOUT.toSeconds()).exec();
      docker.startContainerCmd(task.getId()).exec();
      awaitTasksHealthy(service(task) + " healthy after its restart");
      reloadFrontDoor();
    }
  }

  private void awaitTasksHealthy(String alias) {
    await(alias)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> tasks().stream().allMatch(t -> t.running() && t.health().isHealthy()));
  }

  /**
   * A restarted task may have a new address: the front door is restarted so that it starts from
   * DNS's current answer instead of waiting for its next resolution.
   */
  private void reloadFrontDoor() {
    containers("front-door")
        .forEach(c -> docker.restartContainerCmd(c.getId()).withTimeout(5).exec());
    awaitFrontDoor(Duration.ofSeconds(30));
  }

  @Override
  public void crashRedis() {
    containers("redis").forEach(c -> docker.killContainerCmd(c.getId()).withSignal("KILL").exec());
    await("Redis container gone after SIGKILL")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runningContainers("redis").isEmpty());
    startRedis();
  }

  /**
   * To redis-server (the container's PID 1); a hang is SIGSTOP, not {@code docker pause}: the
   * cgroup freezer behind pause wedged this machine's (nested) Docker daemon once — unpause,
   * inspect and rm all hung until the cgroup was thawed by hand.
   */
  @Override
  public void signalRedis(String signal) {
    runningContainers("redis")
        .forEach(c -> docker.killContainerCmd(c.getId()).withSignal(signal).exec());
  }

  @Override
  public void stopRedis() {
    containers("redis").forEach(c -> docker.stopContainerCmd(c.getId()).withTimeout(10).exec());
  }

  @Override
  public void startRedis() {
    stoppedContainers("redis").forEach(c -> docker.startContainerCmd(c.getId()).exec());
    await("Redis container healthy again")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                containers("redis").stream()
                    .allMatch(
                        c -> ComposeFacts.healthy(docker.inspectContainerCmd(c.getId()).exec())));
  }

  @Override
  public void restore() {
    resumeRedis();
    startRedis();
    startStoppedTasks();
  }

  /**
   * {@code docker compose down -v --rmi local} through Testcontainers, then a sweep that
   * force-removes any container, network or volume still labelled with this run's project (Ryuk may
   * not run).
   */
  @Override
  public void close() {
    List<String> failures = new ArrayList<>();
    try {
      compose.stop();
    } catch (RuntimeException e) {
      failures.add("compose down: " + e.getMessage());
    }
    failures.addAll(new ComposeSweep(docker).removeProject(identifier));
    if (!failures.isEmpty()) {
      throw new IllegalStateException("compose stack cleanup had errors: " + failures);
    }
  }

  static String lastHealthOutput(InspectContainerResponse info) {
    if (info.getState() == null
        || info.getState().getHealth() == null
        || info.getState().getHealth().getLog() == null) {
      return "";
    }
    List<HealthStateLog> log = info.getState().getHealth().getLog();
    return log.isEmpty() ? "" : String.valueOf(log.get(log.size() - 1).getOutput()).strip();
  }
}
