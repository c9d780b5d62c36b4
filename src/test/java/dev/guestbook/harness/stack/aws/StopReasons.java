package dev.guestbook.harness.stack.aws;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a stopped task's {@code stoppedReason} means for the rollout: ECS replaces a task that
 * failed its health checks, or that could not pull its image or start its network for a reason that
 * passes (a timeout, a throttled call); it will not recover from a container that exits, an image
 * that does not exist or is for another platform, or access it is denied.
 */
final class StopReasons {

  /** How a stop bears on the rollout. */
  enum Kind {
    /** ECS will not recover: the rollout fails at once. */
    PERMANENT,
    /** Failed ELB or container health checks: ECS starts a replacement. */
    HEALTH,
    /** A pull or initialisation that may pass (network, throttling): ECS starts a replacement. */
    TRANSIENT,
    /** Not a failure (scaling in, a deployment replacing the task). */
    OTHER
  }

  /** Stops ECS does not recover from, whatever their detail. */
  static final List<Pattern> PERMANENT =
      List.of(
          Pattern.compile("Essential container in task exited"),
          Pattern.compile("CannotStartContainerError"),
          Pattern.compile("CannotCreateContainerError"),
          Pattern.compile("OutOfMemoryError"));

  /** Pulls and initialisations: transient unless their detail names a permanent cause. */
  static final List<Pattern> PULL_OR_INIT =
      List.of(
          Pattern.compile("CannotPullContainerError"),
          Pattern.compile("ResourceInitializationError"));

  /** Details after which a pull or initialisation will fail again, every time. */
  static final List<Pattern> PERMANENT_CAUSES =
      List.of(
          Pattern.compile("(?i)manifest unknown"),
          Pattern.compile("(?i)manifest for \\S+ not found"),
          Pattern.compile("(?i):\\s*not found\\b"),
          Pattern.compile("(?i)no matching manifest for"),
          Pattern.compile("(?i)image Manifest does not contain descriptor matching platform"),
          Pattern.compile("(?i)exec format error"),
          Pattern.compile("(?i)AccessDenied"),
          Pattern.compile("(?i)access denied"),
          Pattern.compile("(?i)pull access denied"),
          Pattern.compile("(?i)\\b403 Forbidden\\b"),
          Pattern.compile("(?i)\\bunauthorized\\b"),
          Pattern.compile("(?i)repository .* does not exist"),
          Pattern.compile("(?i)invalid reference format"),
          Pattern.compile("(?i)ParameterNotFound"),
          Pattern.compile("(?i)ResourceNotFoundException"));

  static final List<Pattern> HEALTH =
      List.of(
          Pattern.compile("Task failed ELB health checks"),
          Pattern.compile("Task failed container health checks"));

  /** How many stops of one replaceable kind ECS gets to replace before the rollout fails. */
  static final int TOLERATED = 1;

  private StopReasons() {}

  static Kind of(String stoppedReason) {
    if (stoppedReason == null) {
      return Kind.OTHER;
    }
    if (matches(PERMANENT, stoppedReason)) {
      return Kind.PERMANENT;
    }
    if (matches(PULL_OR_INIT, stoppedReason)) {
      return matches(PERMANENT_CAUSES, stoppedReason) ? Kind.PERMANENT : Kind.TRANSIENT;
    }
    return matches(HEALTH, stoppedReason) ? Kind.HEALTH : Kind.OTHER;
  }

  private static boolean matches(List<Pattern> patterns, String text) {
    return patterns.stream().anyMatch(p -> p.matcher(text).find());
  }
}
