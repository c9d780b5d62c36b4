package dev.guestbook.harness.process;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets before text reaches a log or a report: AWS key ids, secret-looking values, given
 * tokens.
 */
public final class Redactor {

  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile("(?i)(aws_secret_access_key|aws_session_token|password)(\\s*[=:]\\s*)\\S+");

  private final List<String> secrets;

  /**
   * @param secrets exact values to mask wherever they appear (an ECR token, for one)
   */
  public Redactor(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 8).toList();
  }

  public String redact(String text) {
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, "****");
    }
    out = ACCESS_KEY_ID.matcher(out).replaceAll("$1****************");
    return SECRET_ASSIGNMENT.matcher(out).replaceAll("$1$2****");
  }
}
