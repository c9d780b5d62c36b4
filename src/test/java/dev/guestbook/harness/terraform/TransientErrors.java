package dev.guestbook.harness.terraform;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Errors worth one more try, as terratest keeps them: pattern → what it means to a human. Anything
 * else fails at once.
 */
public final class TransientErrors {

  record Known(Pattern pattern, String meaning) {}

  static final List<Known> KNOWN =
      List.of(
          new Known(
              Pattern.compile(
                  "RequestLimitExceeded|ThrottlingException|Rate exceeded|TooManyRequestsException"),
              "AWS throttled the API calls"),
          new Known(
              Pattern.compile(
                  "RequestError: send request failed|connection reset by peer|TLS handshake timeout|i/o timeout"),
              "a network blip between the runner and AWS"),
          new Known(
              Pattern.compile(
                  "DependencyViolation.*(network interface|has dependencies)|has a dependent object"),
              "a dependency (often a Fargate task's network interface) is still being released"),
          new Known(
              Pattern.compile(
                  "InvalidParameterException: Unable to assume the service linked role"),
              "the ECS service-linked role is still being created"),
          new Known(
              Pattern.compile(
                  "Failed to query available provider packages|could not query provider registry"),
              "the provider registry did not answer"));

  private TransientErrors() {}

  /** What the output means when it is a known transient error. */
  public static Optional<String> meaningOf(String output) {
    return KNOWN.stream()
        .filter(k -> k.pattern().matcher(output).find())
        .map(Known::meaning)
        .findFirst();
  }
}
