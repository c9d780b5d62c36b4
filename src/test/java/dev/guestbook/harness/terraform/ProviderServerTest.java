package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider kept running for readings, over stand-in providers in a stand-in mirror. */
class ProviderServerTest {

  private static final String REATTACH =
      "{\"registry.terraform.io/hashicorp/aws\":{\"Protocol\":\"grpc\",\"ProtocolVersion\":5,"
          + "\"Pid\":1,\"Test\":true,\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/plugin1\"}}}";

  @TempDir Path mirror;

  private Path provider(String version, String script) throws IOException {
    Path dir = mirror.resolve("registry.terraform.io/hashicorp/aws/" + version + "/linux_amd64");
    Files.createDirectories(dir);
    Path binary = dir.resolve("terraform-provider-aws_v" + version + "_x5");
    Files.writeString(binary, "#!/bin/sh\n" + script + "\n");
    assertThat(binary.toFile().setExecutable(true)).isTrue();
    return binary;
  }

  @Test
  void aMirrorWithoutExactlyOneAwsProviderKeepsNone() throws IOException {
    assertThat(ProviderServer.start(mirror, mirror.resolve("p.log"))).isEmpty();
    provider("5.100.0", "exit 0");
    provider("5.99.0", "exit 0");
    assertThat(ProviderServer.awsBinary(mirror)).as("which of two is init's to choose").isEmpty();
  }

  @Test
  void saysWhereItListensAndIsGoneOnceClosed() throws IOException {
    Path said =
        Files.writeString(mirror.resolve("said"), "\tTF_REATTACH_PROVIDERS='" + REATTACH + "'\n");
    provider(
        "5.100.0",
        "cat '"
            + said
            + "'\necho \"endpoint $AWS_ENDPOINT_URL ca ${AWS_CA_BUNDLE:-none}\"\nexec sleep 300");
    Path log = mirror.resolve("p.log");

    List<ProcessHandle> started;
    try (ProviderServer server = ProviderServer.start(mirror, log).orElseThrow()) {
      assertThat(server.reattachProviders()).isEqualTo(REATTACH);
      await("the stand-in's second line")
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(log).contains("endpoint "));
      assertThat(Files.readString(log))
          .as("the provider calls the plan-time stub, with no CA bundle")
          .contains("endpoint " + server.aws().url() + " ca none");
      started = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
      assertThat(started).as("the stand-in provider runs").isNotEmpty();
    }
    await("no process of the kept provider left")
        .atMost(Duration.ofSeconds(15))
        .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void aProviderThatExitsBeforeSayingWhereItListensFailsAtOnceWithItsLastLine() throws IOException {
    provider("5.100.0", "echo 'plugin: cannot listen'\nexit 1");
    Path log = mirror.resolve("p.log");

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ProviderServer.start(mirror, log))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not say where it listens")
        .hasMessageContaining("plugin: cannot listen");
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("failed fast, not after the 60 s bound")
        .isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void noReattachLineInALogWithoutOne() throws IOException {
    Path log = Files.writeString(mirror.resolve("p.log"), "starting\n");
    assertThat(ProviderServer.reattachLine(log)).isEqualTo(Optional.empty());
    assertThat(ProviderServer.reattachLine(mirror.resolve("absent.log"))).isEmpty();
  }
}
