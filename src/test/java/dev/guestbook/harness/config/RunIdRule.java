package dev.guestbook.harness.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a run id may be, the same rule as {@code var.run_id}'s validation in {@code
 * terraform/variables.tf}: 3-19 characters of {@code a-z 0-9 -}, starting and ending with a letter
 * or digit, no {@code --}. It goes into ALB, target group (32 characters), ElastiCache (no trailing
 * or double hyphen) and ECR names, which AWS rejects where Terraform's plan would not.
 */
public final class RunIdRule {

  /** The Terraform validation's regular expression, character for character. */
  public static final String REGEX = "^[a-z0-9]+(-[a-z0-9]+)*$";

  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 19;

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private RunIdRule() {}

  /** Why {@code runId} is not acceptable, or empty when it is. */
  public static Optional<String> problem(String runId) {
    if (runId.length() < MIN_LENGTH || runId.length() > MAX_LENGTH) {
      return Optional.of("must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters long");
    }
    if (!PATTERN.matcher(runId).matches()) {
      return Optional.of(
          "must be lower-case letters, digits and single '-' between them (no leading, trailing or"
              + " double '-'; AWS rejects such names)");
    }
    return Optional.empty();
  }
}
