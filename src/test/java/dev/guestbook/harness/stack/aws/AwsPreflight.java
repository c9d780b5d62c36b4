package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.text.Text;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Everything checked before anything is created: terraform and docker present, a region, valid
 * credentials (STS GetCallerIdentity) that last long enough. Each failure is one line; nothing
 * exists yet to clean up.
 */
public final class AwsPreflight {

  private static final Logger LOG = LoggerFactory.getLogger(AwsPreflight.class);

  /**
   * The longest a failing run can hold credentials: apply (with ElastiCache) 15 min, rollout wait,
   * destroy 20 min, sweep 5 min, build and push 15 min.
   */
  static final Duration WORST_CASE_WITHOUT_ROLLOUT = Duration.ofMinutes(55);

  /** The credentials an emulator gets unless it issued its own: never a real key. */
  static final AwsBasicCredentials EMULATOR_CREDENTIALS =
      AwsBasicCredentials.create("testing", "testing");

  /** The emulator's own access key for the run (an enforced rehearsal's CI principal). */
  static final String EMULATOR_KEY_ID = "BDI_EMULATOR_ACCESS_KEY_ID";

  static final String EMULATOR_SECRET = "BDI_EMULATOR_SECRET_ACCESS_KEY";

  /**
   * The credentials an emulator gets: keys the emulator itself issued, from {@code
   * BDI_EMULATOR_ACCESS_KEY_ID} and {@code BDI_EMULATOR_SECRET_ACCESS_KEY} (a rehearsal that
   * enforces the CI role's policy creates a user in the emulator and runs as it), else the fixed
   * fake keys. Never the SDK's chain: real keys never reach an emulator. One of the two without the
   * other is refused.
   */
  static AwsBasicCredentials emulatorCredentials(Map<String, String> env) {
    String id = env.getOrDefault(EMULATOR_KEY_ID, "");
    String secret = env.getOrDefault(EMULATOR_SECRET, "");
    if (id.isBlank() && secret.isBlank()) {
      return EMULATOR_CREDENTIALS;
    }
    if (id.isBlank() || secret.isBlank()) {
      throw fail(
          "set both "
              + EMULATOR_KEY_ID
              + " and "
              + EMULATOR_SECRET
              + " (an emulator's own keys), or neither");
    }
    return AwsBasicCredentials.create(id.strip(), secret.strip());
  }

  /** Who and where the run deploys as. */
  public record Session(
      AwsClients clients, String account, String callerArn, TerraformCli terraform) {}

  private AwsPreflight() {}

  public static Session check(AwsSettings settings, String path) {
    TerraformCli terraform =
        TerraformCli.configured(settings.terraformBinary(), path, AwsPreflight::fail);
    dockerEngine(settings.dockerBinary());
    Region region = region(settings);
    AwsCredentialsProvider credentials =
        settings.emulated()
            ? StaticCredentialsProvider.create(emulatorCredentials(System.getenv()))
            : DefaultCredentialsProvider.builder().build();
    AwsCredentials resolved;
    try {
      resolved = credentials.resolveCredentials();
    } catch (SdkException e) {
      // The SDK's own message lists every provider it tried, which buries the point; the hint does
      // not. The cause stays attached for a verbose run.
      throw fail(
          "no AWS credentials found (tried system properties, environment, web identity, profile, container, instance"
              + " metadata): set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an OIDC role",
          e);
    }
    expiry(resolved, settings.rolloutTimeout().plus(WORST_CASE_WITHOUT_ROLLOUT), Instant.now())
        .ifPresent(LOG::warn);
    AwsClients clients = new AwsClients(region, credentials, settings.endpoint().map(URI::create));
    try {
      GetCallerIdentityResponse me = identity(clients);
      return new Session(clients, me.account(), me.arn(), terraform);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /**
   * A warning when temporary credentials expire before a failing run could have torn down: a run
   * whose credentials expire mid-destroy leaks its stack.
   */
  static Optional<String> expiry(AwsCredentials credentials, Duration needed, Instant now) {
    return credentials
        .expirationTime()
        .filter(expires -> expires.isBefore(now.plus(needed)))
        .map(
            expires ->
                "the AWS credentials expire at "
                    + expires
                    + ", in "
                    + Duration.between(now, expires).toMinutes()
                    + " min; a failing run may need "
                    + needed.toMinutes()
                    + " min to tear down: request a longer session (role-duration-seconds, and the"
                    + " role's MaxSessionDuration; see README)");
  }

  /** STS GetCallerIdentity: the credentials work in this region, and whose they are. */
  static GetCallerIdentityResponse identity(AwsClients clients) {
    try {
      return clients.sts().getCallerIdentity();
    } catch (SdkException e) {
      throw fail(
          "AWS rejected the credentials in "
              + clients.where()
              + " (STS GetCallerIdentity): "
              + Text.firstLine(e.getMessage()),
          e);
    }
  }

  static Region region(AwsSettings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      throw fail("no AWS region: set AWS_REGION, a profile's region, or -Dbdi.aws.region", e);
    }
  }

  static void dockerEngine(String docker) {
    CommandResult version =
        CommandRunner.unlogged()
            .run(
                Command.of(
                    Duration.ofSeconds(20), docker, "version", "--format", "{{.Server.Version}}"));
    if (version.ending() == CommandResult.Ending.NOT_STARTED) {
      throw fail(
          "no `" + docker + "` command (needed to build and push the image; bdi.docker.binary)");
    }
    if (!version.ok()) {
      throw fail(
          "no Docker engine answers (needed to build and push the image): "
              + Text.firstLine(version.output()));
    }
  }

  private static StackStartException fail(String why) {
    return fail(why, null);
  }

  private static StackStartException fail(String why, Throwable cause) {
    return new StackStartException("aws target preflight: " + why + "; nothing was created", cause);
  }
}
