package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Builds the app image from {@code docker/Dockerfile} for the task's platform, pushes it, and
 * answers the pushed digest. For ECR, {@code docker login} gets its password from
 * GetAuthorizationToken on stdin: the token never appears on a command line, in a log or in a
 * report.
 */
public final class ImagePublisher {

  private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
  private static final Duration BUILD = Duration.ofMinutes(15);
  private static final Duration PUSH = Duration.ofMinutes(15);
  private static final Duration SHORT = Duration.ofMinutes(2);

  /** Credentials for one registry, from ECR's GetAuthorizationToken. */
  public record RegistryLogin(String registry, String user, String password) {
    @Override
    public String toString() {
      return "RegistryLogin[" + registry + ", user " + user + ", password ****]";
    }
  }

  /** What was pushed. */
  public record PushedImage(String repository, String tag, String digest) {
    /** {@code repository@sha256:...}, what the task definition pins. */
    public String pinned() {
      return repository + "@" + digest;
    }
  }

  private final Path projectDir;
  private final CommandRunner runner;
  private final String docker;
  private final List<String> buildArgs;
  private final Optional<String> platform;

  /**
   * @param docker the docker CLI ({@code bdi.docker.binary})
   * @param platform {@code docker build --platform}, e.g. {@code linux/amd64}; empty: the host's
   */
  public ImagePublisher(
      Path projectDir,
      CommandRunner runner,
      String docker,
      List<String> buildArgs,
      Optional<String> platform) {
    this.projectDir = projectDir;
    this.runner = runner;
    this.docker = docker;
    this.buildArgs = List.copyOf(buildArgs);
    this.platform = platform;
  }

  /** GetAuthorizationToken: decodes {@code user:password} from the token for the run's registry. */
  public static RegistryLogin ecrLogin(EcrClient ecr) {
    AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new IllegalStateException("ECR authorization token is not user:password");
    }
    String registry = data.proxyEndpoint().replaceFirst("^https?://", "");
    return new RegistryLogin(registry, decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** {@code docker login --password-stdin}. */
  public void login(RegistryLogin login) {
    runner.require(
        command(SHORT, "login", "--username", login.user(), "--password-stdin", login.registry())
            .withSecretStdin(login.password()),
        "docker login to " + login.registry());
  }

  /**
   * {@code docker build} then {@code docker push}; the digest is read from the push's own output.
   */
  public PushedImage publish(String repository, String tag) {
    build(repository, tag);
    return push(repository, tag);
  }

  /**
   * {@code docker build [--platform P] -f docker/Dockerfile -t repository:tag .} with the
   * configured build args.
   */
  public void build(String repository, String tag) {
    List<String> args = new ArrayList<>(List.of("build"));
    platform.ifPresent(p -> args.addAll(List.of("--platform", p)));
    args.addAll(List.of("-f", "docker/Dockerfile", "-t", repository + ":" + tag));
    for (String arg : buildArgs) {
      args.addAll(List.of("--build-arg", arg));
    }
    args.add(".");
    runner.require(
        command(BUILD, args.toArray(String[]::new)),
        "docker build of " + repository + ":" + tag + platform.map(p -> " for " + p).orElse(""));
  }

  /** {@code docker push repository:tag}; answers the digest the registry now holds. */
  public PushedImage push(String repository, String tag) {
    CommandResult pushed =
        runner.require(
            command(PUSH, "push", repository + ":" + tag),
            "docker push of " + repository + ":" + tag);
    Matcher digest = PUSHED_DIGEST.matcher(pushed.output());
    if (!digest.find()) {
      throw new CommandFailedException(
          "docker push of " + repository + ":" + tag + " printed no digest", pushed);
    }
    return new PushedImage(repository, tag, digest.group(1));
  }

  /** {@code docker rmi} of the local tag; the pushed image stays in the registry. */
  public void removeLocal(PushedImage image) {
    runner.run(command(SHORT, "rmi", "--force", image.repository() + ":" + image.tag()));
  }

  private Command command(Duration timeout, String... args) {
    List<String> argv = new ArrayList<>(List.of(docker));
    argv.addAll(List.of(args));
    return Command.of(timeout, argv).in(projectDir);
  }
}
