package dev.guestbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaultsPortsAndNamesTheInstance() {
    AppConfig config =
        AppConfig.fromEnvironment(Map.of("REDISHOST", "redis", "HOSTNAME", "abc123"));
    assertThat(config).isEqualTo(new AppConfig("redis", 6379, 3000, "abc123"));
  }

  @Test
  void missingRedisHostIsOneClearLine() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "3000")))
        .isInstanceOf(AppConfig.InvalidConfigException.class)
        .hasMessage(
            "REDISHOST is not set: it must name the Redis host that stores the guestbook entries");
  }

  @Test
  void badPortNamesTheVariableAndValue() {
    assertThatThrownBy(
            () -> AppConfig.fromEnvironment(Map.of("REDISHOST", "r", "REDISPORT", "sixty")))
        .hasMessage("REDISPORT must be a port number 1-65535, was 'sixty'");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("REDISHOST", "r", "PORT", "70000")))
        .hasMessageContaining("PORT must be a port number");
  }
}
