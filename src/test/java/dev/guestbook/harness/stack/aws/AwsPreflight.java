package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.terraform.TerraformCli;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Everything checked before anything is created: terraform and docker present, a region, valid
 * credentials (STS GetCallerIdentity). Each failure is one line; nothing exists yet to clean up.
 */
public final class AwsPreflight {

  /** Who and where the run deploys as. */
  public record Session(
      AwsClients clients, String account, String callerArn, TerraformCli terraform) {}

  private AwsPreflight() {}

  public static Session check(AwsSettings settings, String path) {
    TerraformCli terraform =
        TerraformCli.find(settings.terraformBinary().orElse(null), path)
            .orElseThrow(() -> fail("no terraform or tofu on the PATH (or bdi.terraform.binary)"));
    dockerEngine();
    Region region = region(settings);
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    try {
      credentials.resolveCredentials();
    } catch (SdkException e) {
      // The SDK's own message lists every provider it tried, which buries the point; the hint does
      // not.
      throw fail(
          "no AWS credentials found (tried system properties, environment, web identity, profile, container, instance"
              + " metadata): set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an OIDC role");
    }
    AwsClients clients = new AwsClients(region, credentials, settings.endpoint().map(URI::create));
    try {
      GetCallerIdentityResponse me = identity(clients);
      return new Session(clients, me.account(), me.arn(), terraform);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /** STS GetCallerIdentity: the credentials work in this region, and whose they are. */
  static GetCallerIdentityResponse identity(AwsClients clients) {
    try {
      return clients.sts().getCallerIdentity();
    } catch (SdkException e) {
      throw fail(
          "AWS rejected the credentials in "
              + clients.region()
              + " (STS GetCallerIdentity): "
              + firstLine(e.getMessage()));
    }
  }

  static Region region(AwsSettings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      throw fail("no AWS region: set AWS_REGION, a profile's region, or -Dbdi.aws.region");
    }
  }

  static void dockerEngine() {
    try {
      Process docker =
          new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
              .redirectErrorStream(true)
              .start();
      String out = new String(docker.getInputStream().readAllBytes()).strip();
      if (!docker.waitFor(20, TimeUnit.SECONDS) || docker.exitValue() != 0) {
        throw fail(
            "no Docker engine answers (needed to build and push the image): " + firstLine(out));
      }
    } catch (IOException e) {
      throw fail("no `docker` command on the PATH (needed to build and push the image)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while checking docker");
    }
  }

  private static StackStartException fail(String why) {
    return new StackStartException("aws target preflight: " + why + "; nothing was created");
  }

  static String firstLine(String text) {
    return Optional.ofNullable(text).flatMap(t -> t.lines().findFirst()).orElse("no reason given");
  }
}
