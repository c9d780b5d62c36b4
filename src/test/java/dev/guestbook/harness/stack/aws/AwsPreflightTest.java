package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Credentials that expire before a failing run could tear down are named before anything starts.
 */
class AwsPreflightTest {

  private static final Instant NOW = Instant.parse("2026-11-26T02:17:00Z");
  private static final Duration NEEDED = Duration.ofMinutes(75);

  private static AwsSessionCredentials session(Duration left) {
    return AwsSessionCredentials.builder()
        .accessKeyId("ASIAEXAMPLEEXAMPLE00")
        .secretAccessKey("secret")
        .sessionToken("token")
        .expirationTime(NOW.plus(left))
        .build();
  }

  @Test
  void anOidcDefaultHourIsTooShortForAFailingRun() {
    assertThat(AwsPreflight.expiry(session(Duration.ofHours(1)), NEEDED, NOW))
        .get()
        .asString()
        .contains(
            "expire at 2026-11-26T03:17:00Z, in 60 min", "may need 75 min", "MaxSessionDuration");
  }

  @Test
  void aLongEnoughSessionOrKeysWithoutExpiryPass() {
    assertThat(AwsPreflight.expiry(session(Duration.ofHours(3)), NEEDED, NOW)).isEmpty();
    assertThat(AwsPreflight.expiry(AwsBasicCredentials.create("AKIAEXAMPLE", "s"), NEEDED, NOW))
        .isEmpty();
  }
}
