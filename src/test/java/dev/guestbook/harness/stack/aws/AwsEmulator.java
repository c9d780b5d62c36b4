package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.terraform.TerraformCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;

/**
 * An AWS API emulator (moto) standing in for AWS, and a local registry for ECR: the provider is
 * pointed at it by an override file, the rollout is polled every 2 s and, since the emulator runs
 * no tasks, judged on what it models ({@link EmulatorLimits}); destroy goes by what the endpoint
 * says of the ElastiCache cluster it stopped at: gone, or never finishing its deletion.
 */
final class AwsEmulator implements AwsEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
  private static final String CACHE_CLUSTER = "aws_elasticache_cluster.redis";
  private static final String CACHE_SUBNET_GROUP = "aws_elasticache_subnet_group.redis";

  private final AwsClients clients;
  private final String registry;
  private final String cluster;

  AwsEmulator(AwsClients clients, String registry, String cluster) {
    this.clients = clients;
    this.registry = registry;
    this.cluster = cluster;
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofSeconds(2);
  }

  /** The emulator's clusters are available at once; a bound, should one ever say otherwise. */
  @Override
  public Duration cacheSettleBound() {
    return Duration.ofSeconds(30);
  }

  /** The emulator deletes at once: one minute is many passes. */
  @Override
  public Duration removalBound() {
    return Duration.ofSeconds(60);
  }

  @Override
  public String pushTo(String ecrRepositoryUrl) {
    return registry + "/" + ecrRepositoryUrl.substring(ecrRepositoryUrl.indexOf('/') + 1);
  }

  @Override
  public boolean logsInToEcr() {
    return false;
  }

  @Override
  public Optional<String> pushNote() {
    return Optional.of(
        "to "
            + registry
            + " standing in for ECR (GetAuthorizationToken called, no docker login: the stand-in"
            + " has no auth)");
  }

  @Override
  public void prepare(Path tfDir) throws IOException {
    AwsBasicCredentials keys = AwsPreflight.emulatorCredentials(System.getenv());
    Files.writeString(
        tfDir.resolve(EmulatorOverride.FILE_NAME),
        EmulatorOverride.text(
            clients.endpoint().orElseThrow(), keys.accessKeyId(), keys.secretAccessKey()),
        StandardCharsets.UTF_8);
  }

  @Override
  public RolloutOutcome timedOut(
      RolloutTimeoutException timedOut,
      RolloutExpectation expectation,
      EcsDriver ecs,
      Duration bound) {
    String reason =
        EmulatorLimits.rolloutCannotComplete(expectation, ecs.describe(), ecs.tasks(), bound)
            .orElseThrow(() -> timedOut);
    LOG.warn("[deploy] {}", reason);
    return new RolloutOutcome.EmulatorCannotRunTasks(reason);
  }

  /**
   * When {@code terraform destroy} stopped only at ElastiCache, the endpoint is asked what became
   * of the cluster. Gone ({@code CacheClusterNotFound}, as AWS answers): its deletion finished
   * after terraform stopped waiting, so it is dropped from the state and the destroy runs again.
   * Still "deleting" (moto leaves it so for ever, and answers DeleteCacheSubnetGroup with HTTP
   * 500): both are dropped from the state and the destroy runs again, and the note says what is
   * left. Anything else fails.
   */
  @Override
  public Optional<String> destroy(
      TerraformCli teardown, Path tfDir, Map<String, String> variables) {
    CommandResult destroyed = teardown.destroy(tfDir, variables);
    if (destroyed.ok() || !EmulatorLimits.destroyStoppedOnlyByElastiCache(destroyed.output())) {
      destroyed.orThrow("terraform destroy");
      return Optional.empty();
    }
    Optional<String> status = cacheClusterStatus();
    if (status.isEmpty()) {
      return destroyAfterTheClusterWent(teardown, tfDir, variables);
    }
    if (!"deleting".equals(status.get())) {
      throw new CommandFailedException(
          "terraform destroy: ElastiCache cluster "
              + cluster
              + " is "
              + status.get()
              + ", not deleting",
          destroyed);
    }
    String note =
        "emulator: ElastiCache cluster "
            + cluster
            + " accepted DeleteCacheCluster and stays 'deleting', and DeleteCacheSubnetGroup"
            + " answers HTTP 500 (moto cannot finish either); both dropped from the state,"
            + " everything else destroyed";
    LOG.warn("[deploy] {}", note);
    for (String address : EmulatorLimits.UNDELETABLE) {
      teardown.stateRemove(tfDir, address);
    }
    teardown.destroy(tfDir, variables).orThrow("terraform destroy");
    return Optional.of(note);
  }

  /**
   * The cluster's status as DescribeCacheClusters answers it; empty when it is gone: AWS answers
   * {@code CacheClusterNotFound} for a cluster that no longer exists (an emulator may answer an
   * empty list).
   */
  private Optional<String> cacheClusterStatus() {
    try {
      return clients
          .elastiCache()
          .describeCacheClusters(b -> b.cacheClusterId(cluster))
          .cacheClusters()
          .stream()
          .map(CacheCluster::cacheClusterStatus)
          .findFirst();
    } catch (CacheClusterNotFoundException gone) {
      return Optional.empty();
    }
  }

  /**
   * The cluster is gone, deleted after terraform stopped waiting for it: nothing of it is left to
   * delete, so it is dropped from the state and the rest destroyed. Its subnet group is deleted
   * like everything else, unless the endpoint refuses that too; then it is dropped and said.
   */
  private Optional<String> destroyAfterTheClusterWent(
      TerraformCli teardown, Path tfDir, Map<String, String> variables) {
    LOG.info(
        "[deploy] ElastiCache cluster {} is gone (CacheClusterNotFound), deleted after terraform"
            + " stopped waiting: dropped from the state, destroying the rest",
        cluster);
    teardown.stateRemove(tfDir, CACHE_CLUSTER);
    CommandResult again = teardown.destroy(tfDir, variables);
    if (again.ok() || !EmulatorLimits.destroyStoppedOnlyByElastiCache(again.output())) {
      again.orThrow("terraform destroy");
      return Optional.empty();
    }
    String note =
        "emulator: ElastiCache cluster "
            + cluster
            + " deleted, but its subnet group's delete was refused; the subnet group dropped from"
            + " the state, everything else destroyed";
    LOG.warn("[deploy] {}", note);
    teardown.stateRemove(tfDir, CACHE_SUBNET_GROUP);
    teardown.destroy(tfDir, variables).orThrow("terraform destroy");
    return Optional.of(note);
  }
}
