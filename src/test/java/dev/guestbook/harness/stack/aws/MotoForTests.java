package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * moto (the AWS API emulator, {@code MOTO_IMAGE} or 5.2.4) in a container of one test class's own,
 * with the harness's clients and an EC2 client for setting up what a test needs; a test class
 * without a Docker engine is skipped, saying so.
 */
final class MotoForTests implements AutoCloseable {

  static final Region REGION = Region.US_EAST_1;

  private final GenericContainer<?> container;
  private final URI endpoint;
  private final AwsClients clients;
  private final Ec2Client ec2;

  private MotoForTests(
      GenericContainer<?> container, URI endpoint, AwsClients clients, Ec2Client ec2) {
    this.container = container;
    this.endpoint = endpoint;
    this.clients = clients;
    this.ec2 = ec2;
  }

  /** Started, or the calling test class skipped with {@code what} in the reason. */
  static MotoForTests start(String what) {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    Assumptions.assumeTrue(docker, "no Docker engine: " + what + " were NOT run");
    String image = System.getenv().getOrDefault("MOTO_IMAGE", "motoserver/moto:5.2.4");
    GenericContainer<?> moto =
        new GenericContainer<>(DockerImageName.parse(image))
            // moto_server that logs each refusal with its action (.ci/emulator_iam.py serve)
            .withCommand("python3", "-c", emulatorIam(), "serve")
            .withExposedPorts(5000)
            .waitingFor(Wait.forHttp("/moto-api/").forStatusCode(200))
            .withStartupTimeout(Duration.ofSeconds(60));
    moto.start();
    URI endpoint = URI.create("http://" + moto.getHost() + ":" + moto.getMappedPort(5000));
    StaticCredentialsProvider fake =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    return new MotoForTests(
        moto, endpoint, new AwsClients(REGION, fake, Optional.of(endpoint)), ec2(fake, endpoint));
  }

  AwsClients clients() {
    return clients;
  }

  /** The principals of an enforced test: the CI role's and the account owner's (everything). */
  record Principals(AwsClients ci, AwsClients auditor, Ec2Client auditorEc2) {}

  /**
   * IAM enforced from now on, as {@code .ci/emulator.sh} does it: the shipped {@code
   * terraform/ci-role-policy.json} flattened to what moto enforces ({@code .ci/emulator_iam.py
   * flatten}: its actions, on any resource), user ci-principal holding it and user auditor holding
   * everything; then moto's auth on. The fake keys are refused from here.
   */
  Principals enforce() {
    CommandResult flat =
        CommandRunner.unlogged()
            .run(
                Command.of(
                        Duration.ofSeconds(30),
                        "python3",
                        ".ci/emulator_iam.py",
                        "flatten",
                        "terraform/ci-role-policy.json",
                        // a red proof, as in .ci/emulator.sh: actions taken out of the policy
                        System.getenv().getOrDefault("BDI_POLICY_WITHOUT", ""))
                    .parsingStdout())
            .orThrow("flatten terraform/ci-role-policy.json");
    Container.ExecResult setup;
    try {
      setup =
          container.execInContainer("python3", "-c", emulatorIam(), "setup", flat.output().strip());
    } catch (IOException e) {
      throw new UncheckedIOException("moto: the enforced principals' set-up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the enforced principals' set-up", e);
    }
    if (setup.getExitCode() != 0) {
      throw new IllegalStateException(
          "moto: the enforced principals' set-up failed: " + setup.getStderr().strip());
    }
    Map<String, String> keys = new HashMap<>();
    setup
        .getStdout()
        .lines()
        .filter(l -> l.contains("="))
        .forEach(l -> keys.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    StaticCredentialsProvider ci =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(keys.get("CI_KEY_ID"), keys.get("CI_SECRET")));
    StaticCredentialsProvider auditor =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(keys.get("AUDITOR_KEY_ID"), keys.get("AUDITOR_SECRET")));
    return new Principals(
        new AwsClients(REGION, ci, Optional.of(endpoint)),
        new AwsClients(REGION, auditor, Optional.of(endpoint)),
        ec2(auditor, endpoint));
  }

  /**
   * The emulator's refusals, one line each: its {@code [moto-iam] AccessDenied: …} lines (the
   * action), and the request lines it answered 401 or 403 (a refused key or signature has no {@code
   * [moto-iam]} line) — but the set-up's own proof that enforcement is on: its one {@code
   * iam:ListUsers} as ci-principal, refused before any test call (a second one would be listed).
   */
  List<String> denials() {
    List<String> log = container.getLogs().lines().toList();
    List<String> refused =
        new ArrayList<>(log.stream().filter(l -> l.contains("[moto-iam]")).toList());
    refused.stream()
        .filter(l -> l.contains("user/ci-principal is not authorized to perform: iam:ListUsers "))
        .findFirst()
        .ifPresent(refused::remove);
    List<String> requests =
        new ArrayList<>(log.stream().filter(l -> l.matches(".*\" (401|403) .*")).toList());
    if (!requests.isEmpty()) {
      requests.remove(0); // the set-up's ListUsers, the first request refused
    }
    refused.addAll(requests);
    return refused;
  }

  private static String emulatorIam() {
    try {
      return Files.readString(Path.of(".ci/emulator_iam.py"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .ci/emulator_iam.py", e);
    }
  }

  private static Ec2Client ec2(StaticCredentialsProvider credentials, URI endpoint) {
    return Ec2Client.builder()
        .region(REGION)
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  Ec2Client ec2() {
    return ec2;
  }

  @Override
  public void close() {
    clients.close();
    ec2.close();
    container.stop();
  }
}
