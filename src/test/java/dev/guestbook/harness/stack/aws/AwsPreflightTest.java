package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

  @Test
  void anEmulatorGetsTheKeysItIssuedOrTheFixedFakeOnes() {
    assertThat(AwsPreflight.emulatorCredentials(Map.of()))
        .isEqualTo(AwsPreflight.EMULATOR_CREDENTIALS);
    assertThat(
            AwsPreflight.emulatorCredentials(
                Map.of(
                    AwsPreflight.EMULATOR_KEY_ID, "AKIAEMULATOR",
                    AwsPreflight.EMULATOR_SECRET, "s3cret")))
        .isEqualTo(AwsBasicCredentials.create("AKIAEMULATOR", "s3cret"));
    // real keys in the SDK's variables never reach an emulator
    assertThat(AwsPreflight.emulatorCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIAREAL")))
        .isEqualTo(AwsPreflight.EMULATOR_CREDENTIALS);
    assertThatThrownBy(
            () -> AwsPreflight.emulatorCredentials(Map.of(AwsPreflight.EMULATOR_KEY_ID, "AKIA")))
        .hasMessageContaining(
            "set both BDI_EMULATOR_ACCESS_KEY_ID and BDI_EMULATOR_SECRET_ACCESS_KEY");
  }
}
