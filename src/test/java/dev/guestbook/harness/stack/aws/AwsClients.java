package dev.guestbook.harness.stack.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The run's AWS clients, all with one region, one credentials provider and, in tests only, one
 * endpoint (a local emulator). Closing closes them all.
 */
public final class AwsClients implements AutoCloseable {

  private final Region region;
  private final StsClient sts;
  private final EcsClient ecs;
  private final ElasticLoadBalancingV2Client elb;
  private final EcrClient ecr;
  private final CloudWatchLogsClient logs;

  public AwsClients(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    this.region = region;
    this.sts =
        configure(StsClient.builder(), region, credentials, endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.ecs =
        configure(EcsClient.builder(), region, credentials, endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.elb =
        configure(ElasticLoadBalancingV2Client.builder(), region, credentials, endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.ecr =
        configure(EcrClient.builder(), region, credentials, endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.logs =
        configure(CloudWatchLogsClient.builder(), region, credentials, endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  private static <B extends AwsClientBuilder<B, C>, C> B configure(
      B builder, Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    builder.region(region).credentialsProvider(credentials);
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  public Region region() {
    return region;
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

  @Override
  public void close() {
    sts.close();
    ecs.close();
    elb.close();
    ecr.close();
    logs.close();
  }
}
