package dev.guestbook.harness.stack.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.process.CommandRunner;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the real app image from docker/Dockerfile and pushes it to a real registry on
 * 127.0.0.1:5000 (docker/local-registry.sh); the digest the publisher answers must be the one the
 * registry serves for the tag.
 */
class ImagePublisherIT {

  private static final URI REGISTRY = URI.create("http://127.0.0.1:5000/v2/");

  /** Every request to the local registry is bounded. */
  private static final RestAssuredConfig BOUNDED =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 2_000)
                  .setParam("http.socket.timeout", 10_000));

  @TempDir Path logs;

  @Test
  void pushesAndAnswersTheDigestTheRegistryServes() throws Exception {
    Assumptions.assumeTrue(
        registryAnswers(),
        "no registry on 127.0.0.1:5000 (docker/local-registry.sh): the push was NOT tested");
    String tag = "it-" + Long.toString(System.nanoTime(), 36);
    Path log = logs.resolve("docker.log");
    ImagePublisher publisher = publisher(log);

    ImagePublisher.PushedImage image = publisher.publish("127.0.0.1:5000/guestbook-it", tag);
    try {
      assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
      assertThat(image.pinned()).isEqualTo("127.0.0.1:5000/guestbook-it@" + image.digest());
      Response manifest =
          given()
              .config(BOUNDED)
              .accept(
                  String.join(
                      ", ",
                      "application/vnd.docker.distribution.manifest.v2+json",
                      "application/vnd.oci.image.manifest.v1+json",
                      "application/vnd.oci.image.index.v1+json",
                      "application/vnd.docker.distribution.manifest.list.v2+json"))
              .head(REGISTRY.resolve("guestbook-it/manifests/" + tag));
      assertThat(Optional.ofNullable(manifest.getHeader("Docker-Content-Digest")))
          .as("digest the registry serves for %s", tag)
          .contains(image.digest());
      assertThat(Files.readString(log))
          .contains("docker build", "docker push 127.0.0.1:5000/guestbook-it:" + tag);
    } finally {
      publisher.removeLocal(image);
    }
  }

  @Test
  void aFailedPushSaysWhichCommandAndWhy() {
    Assumptions.assumeTrue(registryAnswers(), "no registry on 127.0.0.1:5000: not tested");
    ImagePublisher publisher = publisher(logs.resolve("docker.log"));
    String tag = "it-" + Long.toString(System.nanoTime(), 36);
    try {
      assertThatThrownBy(() -> publisher.publish("127.0.0.1:1/nowhere", tag))
          .hasMessageContaining("docker push of 127.0.0.1:1/nowhere:" + tag)
          .hasMessageContaining("exited 1; last lines:");
    } finally {
      // the build succeeded: its image is this test's to remove (it was left on every run)
      publisher.removeLocal(new ImagePublisher.PushedImage("127.0.0.1:1/nowhere", tag, ""));
    }
  }

  @Test
  void theLoginPasswordNeverReachesTheLog() throws IOException {
    Path log = logs.resolve("docker.log");
    ImagePublisher publisher = publisher(log);
    String secret = "eyJwYXlsb2FkIjoiZG9udC1sZWFrLW1lIn0";
    assertThatThrownBy(
            () -> publisher.login(new ImagePublisher.RegistryLogin("127.0.0.1:1", "AWS", secret)))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThat(Files.readString(log))
        .contains("docker login --username AWS --password-stdin 127.0.0.1:1")
        .doesNotContain(secret);
  }

  private static ImagePublisher publisher(Path log) {
    return new ImagePublisher(
        Path.of("").toAbsolutePath(),
        new CommandRunner(Optional.of(log), Duration.ofSeconds(10)),
        "docker",
        buildArgs(),
        Optional.empty());
  }

  private static List<String> buildArgs() {
    return Optional.ofNullable(System.getenv("BASE_IMAGE"))
        .map(b -> List.of("BASE_IMAGE=" + b))
        .orElse(List.of());
  }

  private boolean registryAnswers() {
    try {
      return given().config(BOUNDED).get(REGISTRY).statusCode() == 200;
    } catch (Exception noAnswer) {
      return false;
    }
  }
}
