package dev.guestbook.harness.stack.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes what a run left behind, found by the compose project label (which starts with the run
 * id): containers, then networks, then volumes, then the images compose built for it. Used after
 * {@code compose down} on every close, because without Ryuk nothing else would (a {@code compose
 * down} cut short by Ctrl-C leaves the built image).
 */
final class ComposeSweep {

  private final DockerClient docker;

  ComposeSweep(DockerClient docker) {
    this.docker = docker;
  }

  /** Answers what could not be removed; empty when the project is gone. */
  List<String> removeProject(String projectPrefix) {
    List<String> failures = new ArrayList<>();
    for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
      if (ours(c.getLabels(), projectPrefix)) {
        try {
          docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
          failures.add("container " + c.getId() + ": " + e.getMessage());
        }
      }
    }
    for (Network n : docker.listNetworksCmd().exec()) {
      if (ours(n.getLabels(), projectPrefix)) {
        try {
          docker.removeNetworkCmd(n.getId()).exec();
        } catch (RuntimeException e) {
          failures.add("network " + n.getName() + ": " + e.getMessage());
        }
      }
    }
    var volumes = docker.listVolumesCmd().exec().getVolumes();
    if (volumes != null) {
      for (var v : volumes) {
        if (ours(v.getLabels(), projectPrefix)) {
          try {
            docker.removeVolumeCmd(v.getName()).exec();
          } catch (RuntimeException e) {
            failures.add("volume " + v.getName() + ": " + e.getMessage());
          }
        }
      }
    }
    for (Image image : docker.listImagesCmd().withShowAll(true).exec()) {
      if (ours(image.getLabels(), projectPrefix)) {
        try {
          docker.removeImageCmd(image.getId()).withForce(true).exec();
        } catch (RuntimeException e) {
          failures.add("image " + image.getId() + ": " + e.getMessage());
        }
      }
    }
    return failures;
  }

  private static boolean ours(Map<String, String> labels, String projectPrefix) {
    return labels != null
        && labels.getOrDefault(ComposeStack.PROJECT, "").startsWith(projectPrefix);
  }
}
