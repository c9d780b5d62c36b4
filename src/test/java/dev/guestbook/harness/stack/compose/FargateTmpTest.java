package dev.guestbook.harness.stack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.stack.StackStartException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FargateTmpTest {

  @Test
  void fargateCopiesTheImagesTmpOnlyWhereTheImageDeclaresAVolumeThere() {
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp"), "/tmp")).isTrue();
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp/"), "/tmp")).isTrue();
    // no VOLUME, or one elsewhere: an empty root-owned 0755 bind mount
    assertThat(FargateTmp.copiesFromImage(Set.of(), "/tmp")).isFalse();
    assertThat(FargateTmp.copiesFromImage(Set.of("/var/tmp", "/data"), "/tmp")).isFalse();
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp/cache"), "/tmp")).isFalse();
  }

  @Test
  void anImageWithoutVolumeGetsAMountNothingIsCopiedInto() {
    assertThat(FargateTmp.nocopy(Set.of("/tmp"))).isEqualTo("false");
    assertThat(FargateTmp.nocopy(Set.of())).isEqualTo("true");
  }

  @Test
  void readsTheVolumesDockerReports() {
    assertThat(FargateTmp.declaredVolumes("{\"/tmp\":{},\"/data\":{}}"))
        .containsExactly("/tmp", "/data");
    // `docker image inspect` prints null for an image that declares none
    assertThat(FargateTmp.declaredVolumes("null")).isEmpty();
    assertThatThrownBy(() -> FargateTmp.declaredVolumes("Error: no such image"))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining("not JSON");
  }
}
