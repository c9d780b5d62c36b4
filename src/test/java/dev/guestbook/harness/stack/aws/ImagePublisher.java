package dev.guestbook.harness.stack.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Builds the app image from {@code docker/Dockerfile}, pushes it, and answers the pushed digest.
 * For ECR, {@code docker login} gets its password from GetAuthorizationToken on stdin: the token
 * never appears on a command line, in a log or in a report.
 */
public final class ImagePublisher {

  private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

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
  private final Path log;
  private final List<String> buildArgs;

  public ImagePublisher(Path projectDir, Path log, List<String> buildArgs) {
    this.projectDir = projectDir;
    this.log = log;
    this.buildArgs = List.copyOf(buildArgs);
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
    run(
        List.of(
            "docker", "login", "--username", login.user(), "--password-stdin", login.registry()),
        login.password(),
        120);
  }

  /**
   * {@code docker build} then {@code docker push}; the digest is read from the push's own output.
   */
  public PushedImage publish(String repository, String tag) {
    build(repository, tag);
    return push(repository, tag);
  }

  /**
   * {@code docker build -f docker/Dockerfile -t repository:tag .} with the configured build args.
   */
  public void build(String repository, String tag) {
    List<String> build =
        new ArrayList<>(
            List.of("docker", "build", "-f", "docker/Dockerfile", "-t", repository + ":" + tag));
    for (String arg : buildArgs) {
      build.addAll(List.of("--build-arg", arg));
    }
    build.add(".");
    run(build, null, 900);
  }

  /** {@code docker push repository:tag}; answers the digest the registry now holds. */
  public PushedImage push(String repository, String tag) {
    String pushed = run(List.of("docker", "push", repository + ":" + tag), null, 900);
    Matcher digest = PUSHED_DIGEST.matcher(pushed);
    if (!digest.find()) {
      throw new IllegalStateException(
          "docker push of " + repository + ":" + tag + " printed no digest; see " + log);
    }
    return new PushedImage(repository, tag, digest.group(1));
  }

  /** {@code docker rmi} of the local tag; the pushed image stays in the registry. */
  public void removeLocal(PushedImage image) {
    run(List.of("docker", "rmi", "--force", image.repository() + ":" + image.tag()), null, 120);
  }

  private String run(List<String> command, String stdin, int timeoutSeconds) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(projectDir.toFile())
              .redirectErrorStream(true)
              .start();
      if (stdin != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        process.getOutputStream().close();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      String shown = new Redactor(stdin == null ? List.of() : List.of(stdin)).redact(output);
      Files.writeString(
          log,
          "$ " + String.join(" ", command) + "\n" + shown + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (!done) {
        process.destroyForcibly();
        throw new IllegalStateException(
            command.get(1) + " timed out after " + timeoutSeconds + " s; see " + log);
      }
      if (process.exitValue() != 0) {
        String last = shown.strip().lines().reduce((a, b) -> b).orElse("");
        throw new IllegalStateException(
            "docker "
                + command.get(1)
                + " exited "
                + process.exitValue()
                + ": "
                + last
                + " (log "
                + log
                + ")");
      }
      return shown;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + command.get(0) + " " + command.get(1) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during docker " + command.get(1), e);
    }
  }
}
