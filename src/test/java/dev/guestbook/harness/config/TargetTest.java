package dev.guestbook.harness.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void localScenariosRunOnEmbeddedAndComposeOnly() {
    assertThat(Target.EMBEDDED.serves(List.of("@local"))).isTrue();
    assertThat(Target.COMPOSE.serves(List.of("@local"))).isTrue();
    assertThat(Target.AWS.serves(List.of("@local"))).isFalse();
  }

  @Test
  void awsScenariosRunOnAwsOnlyAndStaticOnesEverywhere() {
    assertThat(Target.EMBEDDED.serves(List.of("@aws"))).isFalse();
    assertThat(Target.AWS.serves(List.of("@aws"))).isTrue();
    for (Target target : Target.values()) {
      assertThat(target.serves(List.of("@static"))).isTrue();
      assertThat(target.serves(List.of())).isFalse();
    }
  }
}
