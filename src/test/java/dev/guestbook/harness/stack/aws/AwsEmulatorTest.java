package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.terraform.TerraformCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Destroy on an emulator goes by what the endpoint says of the ElastiCache cluster destroy stopped
 * at, over a stand-in terraform (a script answering each destroy as told, recording every call) and
 * a stand-in ElastiCache.
 */
class AwsEmulatorTest {

  private static final String CLUSTER = "guestbook-gb-1";
  private static final String TIMED_OUT =
      "aws_elasticache_cluster.redis: Still destroying... [id=guestbook-gb-1, 50s elapsed]\n"
          + "Error: waiting for ElastiCache Cache Cluster (guestbook-gb-1) delete: timeout while"
          + " waiting for resource to be gone (timeout: 1m0s)\n";
  private static final String SUBNET_GROUP_REFUSED =
      "Error: deleting ElastiCache Subnet Group (guestbook-gb-1): operation error ElastiCache:"
          + " DeleteCacheSubnetGroup, https response error StatusCode: 500\n";

  @TempDir Path dir;
  private TerraformCli terraform;

  /** A terraform whose n-th destroy prints {@code destroy-n.out} and exits 1; else it succeeds. */
  @BeforeEach
  void standInTerraform() throws IOException {
    Path script = dir.resolve("terraform");
    Files.writeString(
        script,
        """
        #!/bin/sh
        here=$(dirname "$0")
        echo "$*" >>"$here/calls"
        case "$1" in
          destroy)
            n=$(grep -c '^destroy' "$here/calls")
            if [ -f "$here/destroy-$n.out" ]; then cat "$here/destroy-$n.out"; exit 1; fi
            echo "Destroy complete! Resources: 30 destroyed." ;;
          state) echo "Removed $4" ;;
        esac
        """);
    assertThat(script.toFile().setExecutable(true)).isTrue();
    terraform = TerraformCli.find(null, dir.toString()).orElseThrow();
  }

  private void destroyFails(int n, String output) throws IOException {
    Files.writeString(dir.resolve("destroy-" + n + ".out"), output);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(dir.resolve("calls")).stream()
        .map(c -> c.startsWith("destroy") ? "destroy" : c.replace(" -no-color", ""))
        .toList();
  }

  private Optional<String> destroy(BiFunction<String, Object, Object> elastiCache) {
    AwsClients clients =
        new AwsClients(
            Region.US_EAST_1,
            StandInClients.client(StsClient.class, (n, r) -> null),
            StandInClients.client(EcsClient.class, (n, r) -> null),
            StandInClients.client(ElasticLoadBalancingV2Client.class, (n, r) -> null),
            StandInClients.client(EcrClient.class, (n, r) -> null),
            StandInClients.client(CloudWatchLogsClient.class, (n, r) -> null),
            StandInClients.client(Ec2Client.class, (n, r) -> null),
            StandInClients.client(ElastiCacheClient.class, elastiCache));
    return new AwsEmulator(clients, "127.0.0.1:5000", CLUSTER)
        .destroy(terraform, dir, Map.of("run_id", "gb-1"));
  }

  /** DescribeCacheClusters as AWS answers it for a cluster that no longer exists. */
  private static Object gone(String name, Object request) {
    if (request instanceof DescribeCacheClustersRequest describe) {
      assertThat(describe.cacheClusterId()).isEqualTo(CLUSTER);
      throw CacheClusterNotFoundException.builder()
          .statusCode(404)
          .message("CacheCluster " + CLUSTER + " not found.")
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("CacheClusterNotFound")
                  .errorMessage("CacheCluster " + CLUSTER + " not found.")
                  .build())
          .build();
    }
    return null;
  }

  private static BiFunction<String, Object, Object> status(String status) {
    return (name, request) ->
        request instanceof DescribeCacheClustersRequest
            ? DescribeCacheClustersResponse.builder()
                .cacheClusters(
                    CacheCluster.builder()
                        .cacheClusterId(CLUSTER)
                        .cacheClusterStatus(status)
                        .build())
                .build()
            : null;
  }

  @Test
  void aClusterDeletedAfterTerraformStoppedWaitingIsGoneAndTheRestIsDestroyed() throws IOException {
    destroyFails(1, TIMED_OUT);

    Optional<String> note = destroy(AwsEmulatorTest::gone);

    assertThat(note).as("everything was deleted: nothing to report as a limit").isEmpty();
    assertThat(calls())
        .containsExactly("destroy", "state rm aws_elasticache_cluster.redis", "destroy");
  }

  @Test
  void aGoneClusterWhoseSubnetGroupIsRefusedTooDropsBothAndSaysSo() throws IOException {
    destroyFails(1, TIMED_OUT);
    destroyFails(2, SUBNET_GROUP_REFUSED);

    Optional<String> note = destroy(AwsEmulatorTest::gone);

    assertThat(note).get().asString().contains(CLUSTER + " deleted", "subnet group dropped");
    assertThat(calls())
        .containsExactly(
            "destroy",
            "state rm aws_elasticache_cluster.redis",
            "destroy",
            "state rm aws_elasticache_subnet_group.redis",
            "destroy");
  }

  @Test
  void aClusterThatStaysDeletingIsDroppedWithItsSubnetGroupAndSaid() throws IOException {
    destroyFails(1, TIMED_OUT);

    Optional<String> note = destroy(status("deleting"));

    assertThat(note).get().asString().contains("stays 'deleting'", "both dropped from the state");
    assertThat(calls())
        .containsExactly(
            "destroy",
            "state rm aws_elasticache_cluster.redis",
            "state rm aws_elasticache_subnet_group.redis",
            "destroy");
  }

  @Test
  void aClusterInAnyOtherStateFailsTheDestroy() throws IOException {
    destroyFails(1, TIMED_OUT);

    assertThatThrownBy(() -> destroy(status("available")))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining(CLUSTER + " is available, not deleting");
    assertThat(calls()).containsExactly("destroy");
  }
}
