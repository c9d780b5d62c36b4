package dev.guestbook.harness.terraform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a container's plain {@code environment} entry is a secret, judged by its value as well as
 * its name (AVD-AWS-0036 reads names alone, and so calls {@code MAX_TOKENS=4096} a secret):
 *
 * <ol>
 *   <li>a value that is a credential by its shape is a secret under any name: an AWS access key id
 *       ({@code AKIA…}/{@code ASIA…}), a private key, a URL or connection string carrying a
 *       password ({@code postgres://app:pw@db/app}, {@code Password=pw;});
 *   <li>a name one of whose words names a secret ({@code password}, {@code passwd}, {@code pwd},
 *       {@code pass}, {@code passphrase}, {@code secret}, {@code token}, {@code credential(s)},
 *       {@code apikey}, or the pairs {@code api key}, {@code access key}, {@code private key},
 *       {@code secret key}, {@code auth token}; words split at {@code _}, {@code -}, {@code .} and
 *       camelCase, so {@code MAX_TOKENS} and {@code PASSENGER_COUNT} name none) holds a secret
 *       unless its value cannot be one: empty, a number, {@code true}/{@code false}, or a reference
 *       to where the secret is kept (an ARN, an SSM parameter path {@code /…}, a file path).
 * </ol>
 */
final class PlainSecrets {

  private static final Set<String> SECRET_WORDS =
      Set.of(
          "password",
          "passwd",
          "pwd",
          "pass",
          "passphrase",
          "secret",
          "token",
          "credential",
          "credentials",
          "apikey");

  private static final List<List<String>> SECRET_PAIRS =
      List.of(
          List.of("api", "key"),
          List.of("access", "key"),
          List.of("private", "key"),
          List.of("secret", "key"),
          List.of("auth", "token"));

  private static final Pattern KEY_VALUE =
      Pattern.compile("(?s)((AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----.*)");

  /** {@code scheme://user:password@host}: a password in a URL. */
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\\s]*:[^@/\\s]+@");

  /** {@code Password=…;} / {@code pwd=…&}: a password in a connection string or query. */
  private static final Pattern CONNECTION_PASSWORD =
      Pattern.compile("(?i)(^|[;&?\\s])(password|pwd|passwd|secret|token)=[^;&\\s]+");

  private static final Pattern NOT_A_SECRET =
      Pattern.compile(
          "(?i)(|-?\\d+(\\.\\d+)?|true|false|arn:aws[a-z-]*:.*|/[A-Za-z0-9_.\\-/]+|\\./.*)");

  private PlainSecrets() {}

  /**
   * Why the entry {@code name=value} is a secret in plain text, or empty when it is not one.
   *
   * @param name the variable's name
   * @param value its value as the task definition holds it ({@code null}: unset)
   */
  static Optional<String> why(String name, Object value) {
    String text = value == null ? "" : String.valueOf(value);
    if (KEY_VALUE.matcher(text).find()) {
      return Optional.of("a plain value that is a key");
    }
    if (URL_PASSWORD.matcher(text).find() || CONNECTION_PASSWORD.matcher(text).find()) {
      return Optional.of("a plain value that carries a password");
    }
    if (namesASecret(name) && !NOT_A_SECRET.matcher(text.strip()).matches()) {
      return Optional.of("a plain value under a secret's name");
    }
    return Optional.empty();
  }

  /** One of the name's words, or two of them side by side, names a secret. */
  static boolean namesASecret(String name) {
    List<String> words =
        List.of(
            name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .split("[^a-z0-9]+"));
    if (words.stream().anyMatch(SECRET_WORDS::contains)) {
      return true;
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      if (SECRET_PAIRS.contains(List.of(words.get(i), words.get(i + 1)))) {
        return true;
      }
    }
    return false;
  }
}
