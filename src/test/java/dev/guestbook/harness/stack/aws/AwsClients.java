package dev.guestbook.harness.stack.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The run's AWS clients, all with one region, one credentials provider and, for an emulator, one
 * endpoint. Closing closes them all.
 */
public final class AwsClients implements AutoCloseable {

  private final Region region;
  private final Optional<URI> endpoint;
  private final StsClient sts;
  private final EcsClient ecs;
  private final ElasticLoadBalancingV2Client elb;
  private final EcrClient ecr;
  private final CloudWatchLogsClient logs;
  private final Ec2Client ec2;
  private final ElastiCacheClient elastiCache;
  private final AwsCredentialsProvider credentials;

  public AwsClients(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    this.region = region;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.sts = configure(StsClient.builder(), credentials).build();
    this.ecs = configure(EcsClient.builder(), credentials).build();
    this.elb = configure(ElasticLoadBalancingV2Client.builder(), credentials).build();
    this.ecr = configure(EcrClient.builder(), credentials).build();
    this.logs = configure(CloudWatchLogsClient.builder(), credentials).build();
    this.ec2 = configure(Ec2Client.builder(), credentials).build();
    this.elastiCache = configure(ElastiCacheClient.builder(), credentials).build();
  }

  /** Clients made elsewhere (a test's stand-ins), in one region. */
  AwsClients(
      Region region,
      StsClient sts,
      EcsClient ecs,
      ElasticLoadBalancingV2Client elb,
      EcrClient ecr,
      CloudWatchLogsClient logs,
      Ec2Client ec2,
      ElastiCacheClient elastiCache) {
    this.region = region;
    this.credentials = null;
    this.endpoint = Optional.empty();
    this.sts = sts;
    this.ecs = ecs;
    this.elb = elb;
    this.ecr = ecr;
    this.logs = logs;
    this.ec2 = ec2;
    this.elastiCache = elastiCache;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, AwsCredentialsProvider credentials) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  public Region region() {
    return region;
  }

  /** The region, and the emulator's address when the APIs are an emulator's: for messages. */
  public String where() {
    return region() + endpoint().map(e -> " (AWS API emulator at " + e + ")").orElse("");
  }

  /** The emulator's endpoint, when the clients talk to one. */
  public Optional<URI> endpoint() {
    return endpoint;
  }

  public StsClient sts() {
    return sts;
  }

  public EcsClient ecs() {
    return ecs;
  }

  public ElasticLoadBalancingV2Client elb() {
    return elb;
  }

  public EcrClient ecr() {
    return ecr;
  }

  public CloudWatchLogsClient logs() {
    return logs;
  }

  public Ec2Client ec2() {
    return ec2;
  }

  public ElastiCacheClient elastiCache() {
    return elastiCache;
  }

  /**
   * A new S3 client (the caller closes it) with the same region, credentials and endpoint: only the
   * reaper needs one, for the runs' states in the backend.
   */
  public S3Client newS3() {
    if (credentials == null) {
      throw new IllegalStateException("stand-in clients have no S3");
    }
    S3ClientBuilder builder = configure(S3Client.builder(), credentials);
    endpoint.ifPresent(e -> builder.forcePathStyle(true));
    return builder.build();
  }

  @Override
  public void close() {
    sts.close();
    ecs.close();
    elb.close();
    ecr.close();
    logs.close();
    ec2.close();
    elastiCache.close();
  }
}
