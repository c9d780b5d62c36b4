package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.HostExposure;
import dev.guestbook.harness.stack.HostExposure.PublishedPort;
import dev.guestbook.harness.stack.TaskUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureVerdictTest {

  private static final PublishedPort FRONT = new PublishedPort("lb", 80, "127.0.0.1", 35000);

  @Test
  void theFrontDoorOnLoopbackAloneIsFine() {
    assertThat(ExposureVerdict.onlyFrontDoorPublished(HostExposure.of(List.of(FRONT)), "lb", 80))
        .isEmpty();
  }

  @Test
  void aPublishedRedisIsNamed() {
    assertThat(
            ExposureVerdict.onlyFrontDoorPublished(
                HostExposure.of(List.of(FRONT, new PublishedPort("redis", 6379, "127.0.0.1", 1))),
                "lb",
                80))
        .singleElement()
        .asString()
        .isEqualTo(
            "service redis: published port: expected nothing published on the host but the front"
                + " door (lb 80), saw redis 6379 on 127.0.0.1:1");
  }

  @Test
  void aFrontDoorOnEveryInterfaceIsNamed() {
    assertThat(
            ExposureVerdict.onlyFrontDoorPublished(
                HostExposure.of(List.of(new PublishedPort("lb", 80, "0.0.0.0", 8080))), "lb", 80))
        .singleElement()
        .asString()
        .contains("expected 127.0.0.1 (loopback only), saw lb 80 on 0.0.0.0:8080");
    assertThat(ExposureVerdict.onlyFrontDoorPublished(HostExposure.of(List.of()), "lb", 80))
        .singleElement()
        .asString()
        .contains("not published");
  }

  @Test
  void aTaskRunningAsRootIsNamed() {
    assertThat(ExposureVerdict.unprivileged(List.of(new TaskUser("web-1", List.of("10001")))))
        .isEmpty();
    assertThat(ExposureVerdict.unprivileged(List.of(new TaskUser("web-2", List.of("root")))))
        .singleElement()
        .asString()
        .isEqualTo("task web-2: user of its processes: expected not root, saw [root]");
    assertThat(ExposureVerdict.unprivileged(List.of())).hasSize(1);
  }
}
