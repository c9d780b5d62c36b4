package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The override an emulator run gets: no wait in it cut below what the provider itself needs. */
class EmulatorOverrideTest {

  private static final Pattern DELETE_WAIT =
      Pattern.compile(
          "resource \"aws_elasticache_cluster\" \"redis\" \\{\\s*timeouts \\{\\s*delete\\s*=\\s*\"(\\d+)s\"");

  @Test
  void theElastiCacheDeleteWaitOutlastsTheProvidersFirstLookAndAPollAfterIt() {
    String text = EmulatorOverride.text(URI.create("http://127.0.0.1:5000"), "testing", "testing");
    Matcher wait = DELETE_WAIT.matcher(text);

    assertThat(wait.find()).as("the cluster's delete timeout in:%n%s", text).isTrue();
    // terraform-provider-aws looks 30 s after DeleteCacheCluster, then every 10 s: a shorter wait
    // times out before it has asked once, even where the cluster is gone (CacheClusterNotFound)
    assertThat(Duration.ofSeconds(Long.parseLong(wait.group(1))))
        .as("the ElastiCache delete wait")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30 + 10));
  }
}
