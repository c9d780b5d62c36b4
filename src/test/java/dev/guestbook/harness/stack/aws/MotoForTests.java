package dev.guestbook.harness.stack.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
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
  private final AwsClients clients;
  private final Ec2Client ec2;

  private MotoForTests(GenericContainer<?> container, AwsClients clients, Ec2Client ec2) {
    this.container = container;
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
            .withCommand("moto_server", "-H", "0.0.0.0", "-p", "5000")
            .withExposedPorts(5000)
            .waitingFor(Wait.forHttp("/moto-api/").forStatusCode(200))
            .withStartupTimeout(Duration.ofSeconds(60));
    moto.start();
    URI endpoint = URI.create("http://" + moto.getHost() + ":" + moto.getMappedPort(5000));
    StaticCredentialsProvider fake =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    return new MotoForTests(
        moto,
        new AwsClients(REGION, fake, Optional.of(endpoint)),
        Ec2Client.builder()
            .region(REGION)
            .credentialsProvider(fake)
            .endpointOverride(endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build());
  }

  AwsClients clients() {
    return clients;
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
