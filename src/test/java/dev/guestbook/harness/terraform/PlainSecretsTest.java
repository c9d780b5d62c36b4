package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as a secret in a plain environment entry: its value as well as its name. */
class PlainSecretsTest {

  @ParameterizedTest(name = "{0}={1} is no secret")
  @CsvSource(
      delimiter = '|',
      value = {
        "OPENAI_MAX_TOKENS        | 4096",
        "MAX_TOKEN_COUNT          | 1000",
        "TOKENS_PER_MINUTE        | 90000",
        "PASSWORD_MIN_LENGTH      | 12",
        "SESSION_SECRET_ROTATE    | true",
        "DB_PASSWORD_SECRET_ARN   | arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        "API_KEY_PARAMETER        | /guestbook/prod/api-key",
        "PASSENGER_COUNT          | 4",
        "COMPASS_URL              | https://compass.example.com/",
        "REDISHOST                | node.cache.amazonaws.com",
        "AUTH_MODE                | oauth",
        "DATABASE_URL             | postgres://db.internal:5432/app",
        "TOKEN_FILE               | /run/secrets/token",
      })
  void aLimitOrAReferenceIsNoSecretWhateverItsName(String name, String value) {
    assertThat(PlainSecrets.why(name, value)).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1} is a secret")
  @CsvSource(
      delimiter = '|',
      value = {
        "DB_CONN                  | postgres://app:hunter2@db.internal:5432/app",
        "REDIS_URL                | redis://:s3cr3t@cache.internal:6379",
        "SQL                      | Server=db;Database=app;User Id=app;Password=hunter2;",
        "AWS_KEY                  | AKIAIOSFODNN7EXAMPLE",
        "REDIS_PASSWORD           | correct-horse-battery-staple",
        "GITHUB_TOKEN             | ghp_0123456789abcdef",
        "jwtSecret                | change-me",
        "STRIPE_API_KEY           | sk_live_0123456789",
        "DB_PASS                  | hunter2",
      })
  void aSecretByItsValueOrByItsNameWithAValueThatCouldBeOne(String name, String value) {
    assertThat(PlainSecrets.why(name, value)).isPresent();
  }
}
