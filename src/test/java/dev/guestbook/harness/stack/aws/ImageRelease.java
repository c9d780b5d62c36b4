package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.process.CommandRunner;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Phases "build" and "push": the app's image built for the task's platform, pushed where the
 * endpoint says (ECR, or the registry standing in for it), the local copy removed, pinned by the
 * digest the registry answered.
 */
final class ImageRelease {

  private static final Logger LOG = LoggerFactory.getLogger(ImageRelease.class);

  private final CommandRunner runner;
  private final AwsSettings settings;
  private final AwsEndpoint endpoint;
  private final PhaseClock clock;

  /** Commit, run id and time: ECR tags are immutable, and a reused run pushes again. */
  private String tag(String runId) {
    return GitCommit.shortId(runner).orElse("nogit")
        + "-"
        + runId
        + "-"
        + LocalTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HHmmss"));
  }

  ImageRelease(CommandRunner runner, AwsSettings settings, AwsEndpoint endpoint, PhaseClock clock) {
    this.runner = runner;
    this.settings = settings;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  ImagePublisher.PushedImage publish(String repositoryUrl, String runId, EcrClient ecr) {
    String tag = tag(runId);
    String pushTo = endpoint.pushTo(repositoryUrl);
    ImagePublisher publisher =
        new ImagePublisher(
            Path.of("").toAbsolutePath(),
            runner,
            settings.dockerBinary(),
            Optional.ofNullable(System.getenv("BASE_IMAGE"))
                .map(b -> List.of("BASE_IMAGE=" + b))
                .orElse(List.of()),
            Optional.of(settings.platform().docker()));
    clock.time("build", () -> publisher.build(pushTo, tag));
    clock.note(
        "build",
        "for "
            + settings.platform().docker()
            + " (task runtime platform "
            + settings.platform().fargateArchitecture()
            + ")");
    ImagePublisher.PushedImage pushed =
        clock.time(
            "push",
            () -> {
              ImagePublisher.RegistryLogin login = ImagePublisher.ecrLogin(ecr);
              if (endpoint.logsInToEcr()) {
                publisher.login(login);
              }
              return publisher.push(pushTo, tag);
            });
    endpoint.pushNote().ifPresent(note -> clock.note("push", note));
    publisher.removeLocal(pushed);
    ImagePublisher.PushedImage image =
        new ImagePublisher.PushedImage(repositoryUrl, tag, pushed.digest());
    LOG.info("[deploy] pushed {} (built for {})", image.pinned(), settings.platform().docker());
    return image;
  }
}
