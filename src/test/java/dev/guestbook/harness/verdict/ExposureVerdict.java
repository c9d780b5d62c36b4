package dev.guestbook.harness.verdict;

import dev.guestbook.harness.stack.HostExposure;
import dev.guestbook.harness.stack.HostExposure.PublishedPort;
import dev.guestbook.harness.stack.TaskUser;
import dev.guestbook.harness.stack.TaskWrite;
import java.util.ArrayList;
import java.util.List;

/** What the stack shows the host, and who its tasks run as. */
public final class ExposureVerdict {

  private static final List<String> ROOT = List.of("root", "0");

  private ExposureVerdict() {}

  /**
   * The front door's port is the only one published on the host, and only on loopback.
   *
   * @param frontDoor the service that is the front door
   * @param frontDoorPort its port inside
   */
  public static List<Finding> onlyFrontDoorPublished(
      HostExposure exposure, String frontDoor, int frontDoorPort) {
    List<Finding> findings = new ArrayList<>();
    boolean frontDoorSeen = false;
    for (PublishedPort port : exposure.ports()) {
      boolean isFrontDoor =
          port.service().equals(frontDoor) && port.containerPort() == frontDoorPort;
      if (!isFrontDoor) {
        findings.add(
            new Finding(
                "service " + port.service(),
                "published port",
                "nothing published on the host but the front door ("
                    + frontDoor
                    + " "
                    + frontDoorPort
                    + ")",
                port.toString()));
      } else if (!"127.0.0.1".equals(port.hostIp())) {
        findings.add(
            new Finding(
                "service " + port.service(),
                "host address of the front door",
                "127.0.0.1 (loopback only)",
                port.toString()));
      } else {
        frontDoorSeen = true;
      }
    }
    if (!frontDoorSeen && findings.isEmpty()) {
      findings.add(
          new Finding(
              "service " + frontDoor,
              "published port",
              frontDoorPort + " on 127.0.0.1",
              "not published: " + exposure.ports()));
    }
    return findings;
  }

  /** No process of any task runs as root. */
  public static List<Finding> unprivileged(List<TaskUser> tasks) {
    List<Finding> findings = new ArrayList<>();
    if (tasks.isEmpty()) {
      findings.add(new Finding("the stack's tasks", "running tasks", "at least one", "none"));
    }
    for (TaskUser task : tasks) {
      List<String> root = task.users().stream().filter(ROOT::contains).toList();
      if (task.users().isEmpty() || !root.isEmpty()) {
        findings.add(
            new Finding(
                "task " + task.task(),
                "user of its processes",
                "not root",
                task.users().isEmpty() ? "no process" : String.valueOf(task.users())));
      }
    }
    return findings;
  }

  /**
   * No task can change its root filesystem — a new file in a world-writable directory of it is
   * refused as a read-only file system, not merely for permission — and each can still write its
   * temp directory (the JVM's, mounted as Fargate mounts the task's volume: {@code FargateTmp}).
   */
  public static List<Finding> readOnlyRoot(List<TaskWrite> writes) {
    List<Finding> out = new ArrayList<>();
    if (writes.isEmpty()) {
      out.add(new Finding("the stack", "running tasks", "at least one", "none"));
    }
    for (TaskWrite write : writes) {
      boolean temp = write.path().equals("/tmp");
      boolean readOnly = write.output().contains("Read-only file system");
      if (temp ? !write.written() : write.written() || !readOnly) {
        out.add(
            new Finding(
                "task " + write.task(),
                "a new file in " + write.path(),
                temp
                    ? "written (the JVM's temp dir is the one writable place)"
                    : "refused as a read-only file system",
                (write.written() ? "written" : "refused: " + write.output())));
      }
    }
    return out;
  }
}
