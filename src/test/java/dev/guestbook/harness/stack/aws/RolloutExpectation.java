package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.time.Instant;

/**
 * What "our deployment succeeded" means.
 *
 * @param deploymentId the ECS deployment this run started (PRIMARY in UpdateService's own answer)
 * @param imageDigest the digest this run pushed ({@code sha256:...}); every task must run it
 * @param desiredCount how many tasks must run, from the spec (2)
 * @param forcedAt when UpdateService answered (its deployment's {@code createdAt})
 * @param visibilityGrace how long DescribeServices may still not show our deployment: ECS is
 *     eventually consistent, and a read right after the update can miss it
 */
public record RolloutExpectation(
    String deploymentId,
    String imageDigest,
    int desiredCount,
    Instant forcedAt,
    Duration visibilityGrace) {

  /** The grace ECS needs, at most, to show a new deployment in DescribeServices. */
  public static final Duration VISIBILITY_GRACE = Duration.ofSeconds(60);

  /** An expectation with no grace left: a deployment that is not listed is gone. */
  public RolloutExpectation(String deploymentId, String imageDigest, int desiredCount) {
    this(deploymentId, imageDigest, desiredCount, Instant.EPOCH, Duration.ZERO);
  }

  boolean stillSettling(Instant now) {
    return now.isBefore(forcedAt.plus(visibilityGrace));
  }
}
