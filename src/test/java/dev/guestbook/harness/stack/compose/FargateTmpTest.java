package dev.guestbook.harness.stack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.terraform.SecurityRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FargateTmpTest {

  @Test
  void fargateCopiesTheImagesTmpOnlyWhereTheImageDeclaresAVolumeThere() {
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp"), "/tmp")).isTrue();
    // not documented to match on Fargate: taken not to (red rather than green on a guess)
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp/"), "/tmp")).isFalse();
    // no VOLUME, or one elsewhere: an empty root-owned 0755 bind mount
    assertThat(FargateTmp.copiesFromImage(Set.of(), "/tmp")).isFalse();
    assertThat(FargateTmp.copiesFromImage(Set.of("/var/tmp", "/data"), "/tmp")).isFalse();
    assertThat(FargateTmp.copiesFromImage(Set.of("/tmp/cache"), "/tmp")).isFalse();
  }

  @Test
  void theImageDeclaresItsVolumeWhereTheTaskDefinitionMountsIt() throws Exception {
    List<String> volumes =
        Files.readAllLines(Path.of("docker/Dockerfile")).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("VOLUME"))
            .toList();
    assertThat(volumes)
        .as("docker/Dockerfile's VOLUME, where terraform/ecs.tf mounts the task's tmp volume")
        .containsExactly("VOLUME [\"" + SecurityRules.TEMP_DIR + "\"]");
    assertThat(FargateTmp.CONTAINER_PATH).isEqualTo(SecurityRules.TEMP_DIR);
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
