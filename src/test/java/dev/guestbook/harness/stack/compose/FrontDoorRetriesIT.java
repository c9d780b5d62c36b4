package dev.guestbook.harness.stack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.verdict.Finding;
import dev.guestbook.harness.verdict.FrontDoorVerdict;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The compose front door (HAProxy with {@code docker/haproxy.cfg}) judged on what each task
 * received, not on timing: three tasks answer to Docker's name "web" — one healthy, one that
 * accepts each request and drops it, one that refuses every connection — and requests are sent one
 * at a time. Nothing a task accepted may be resent (each request reaches one task only), and a
 * refused connection must be tried on another task (every failure is a dropped request). The same
 * check is red on the sabotaged configuration without retries and on one that resends what a task
 * accepted.
 */
class FrontDoorRetriesIT {

  private static final Logger LOG = LoggerFactory.getLogger(FrontDoorRetriesIT.class);
  private static final int REQUESTS = 30;
  private static final String PROBE = ProbeTask.class.getName();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      as built                          | docker/haproxy.cfg                                     | conn-failure          |
      without retries (sabotage)        | src/test/resources/compose-sabotage/haproxy-no-retry.cfg | conn-failure          | never reached a task
      resending what a task accepted    | docker/haproxy.cfg                                     | all-retryable-errors  | resent after a task had accepted them
      """)
  void resendsNothingATaskAcceptedAndRetriesARefusedConnection(
      String variant, String config, String retryOn, String redWith) throws IOException {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    Assumptions.assumeTrue(docker, "no Docker engine: the compose front door was NOT checked");
    Path cfg = Files.createTempFile("haproxy-", ".cfg");
    String text =
        Files.readString(Path.of(config)).replace("retry-on conn-failure", "retry-on " + retryOn);
    Files.writeString(cfg, text, StandardCharsets.UTF_8);
    String java = System.getenv().getOrDefault("BASE_IMAGE", "eclipse-temurin:17-jre");
    String haproxy = System.getenv().getOrDefault("LB_IMAGE", "haproxy:2.8");
    try (Network network = Network.newNetwork();
        GenericContainer<?> healthy = task(java, network, "healthy");
        GenericContainer<?> dropping = task(java, network, "dropping");
        GenericContainer<?> refusing =
            new GenericContainer<>(DockerImageName.parse(java))
                .withNetwork(network)
                .withNetworkAliases("web")
                .withCommand("sleep", "300");
        GenericContainer<?> lb =
            new GenericContainer<>(DockerImageName.parse(haproxy))
                .withNetwork(network)
                .withCopyFileToContainer(
                    MountableFile.forHostPath(cfg, 0644), "/etc/guestbook/haproxy.cfg")
                .withCommand("haproxy", "-W", "-db", "-f", "/etc/guestbook/haproxy.cfg")
                .withExposedPorts(80)) {
      healthy.start();
      dropping.start();
      refusing.start();
      lb.start();
      await("HAProxy has resolved the three tasks named web")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> resolved(lb) >= 3);
      GuestbookClient client =
          new GuestbookClient(URI.create("http://" + lb.getHost() + ":" + lb.getMappedPort(80)));
      List<HttpResult> answers = new ArrayList<>();
      for (int i = 1; i <= REQUESTS; i++) {
        answers.add(client.signThroughForm("front door " + i));
      }
      int ok = (int) answers.stream().filter(a -> a.status() == 200).count();
      AtomicReference<int[]> counts = new AtomicReference<>(new int[] {-1, -1});
      await("the tasks' logs hold every request they received (two equal readings)")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                int[] now = {lines(healthy, "served"), lines(dropping, "dropped")};
                int[] before = counts.getAndSet(now);
                return now[0] >= ok && now[0] == before[0] && now[1] == before[1];
              });
      int served = counts.get()[0];
      int dropped = counts.get()[1];
      LOG.info(
          "[front-door] {}: {} sent, {} answered 200, healthy task served {}, dropping task"
              + " dropped {}; answers {}",
          variant,
          REQUESTS,
          ok,
          served,
          dropped,
          answers.stream().map(HttpResult::status).toList());
      List<Finding> findings =
          FrontDoorVerdict.resendsNothingRetriesRefused(
              REQUESTS,
              ok,
              served,
              dropped,
              "HAProxy with " + config + " (retry-on " + retryOn + ")");
      if (redWith == null) {
        assertThat(findings).as("the front door as built").isEmpty();
        assertThat(dropped)
            .as("requests the dropping task accepted (it is in rotation)")
            .isPositive();
      } else {
        assertThat(findings)
            .as("the front door %s must be caught", variant)
            .extracting(Finding::toString)
            .anySatisfy(f -> assertThat(f).contains(redWith));
      }
    } finally {
      Files.deleteIfExists(cfg);
    }
  }

  private static GenericContainer<?> task(String image, Network network, String kind) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases("web")
        .withCopyFileToContainer(
            MountableFile.forHostPath(classFile(), 0644),
            "/probe/" + PROBE.replace('.', '/') + ".class")
        .withCommand("java", "-cp", "/probe", PROBE, kind, "3000")
        .waitingFor(Wait.forLogMessage(".*probe task " + kind + " on 3000.*", 1))
        .withStartupTimeout(Duration.ofSeconds(60));
  }

  private static Path classFile() {
    try {
      Path classes =
          Path.of(ProbeTask.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.resolve(PROBE.replace('.', '/') + ".class");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the probe task's class file", e);
    }
  }

  /** Servers of the backend with an address and up, from HAProxy's runtime API. */
  private static int resolved(GenericContainer<?> lb) throws IOException, InterruptedException {
    var state =
        lb.execInContainer(
            "bash",
            "-c",
            "exec 3<>/dev/tcp/127.0.0.1/9999; echo 'show servers state web' >&3; timeout 2 cat <&3");
    return (int)
        state
            .getStdout()
            .lines()
            .map(l -> l.split(" "))
            .filter(
                f ->
                    f.length > 6
                        && f[4].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
                        && !f[4].equals("0.0.0.0")
                        && f[5].equals("2"))
            .count();
  }

  private static int lines(GenericContainer<?> task, String word) {
    return (int)
        task.getLogs().lines().filter(l -> l.equals(word + " POST") || l.equals(word)).count();
  }
}
