package dev.guestbook.harness.stack;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The seam between the specs and a target: everything a step may ask of "the stack", whatever runs
 * it (embedded processes, docker compose, ECS). Implementations read facts; steps decide.
 */
public interface StackUnderTest extends AutoCloseable {

  /** One line naming the target and its coordinates, for failure messages. */
  String describe();

  /** The address visitors use: the load balancer, or its stand-in on local targets. */
  URI frontDoor();

  /** The Redis the stack provisioned for the tasks. */
  RedisAccess redis();

  /** The app's tasks as they are right now (a fresh read each call). */
  List<TaskStatus> tasks();

  /**
   * Why visitors cannot reach the front door from here, when they cannot (an AWS API emulator
   * serves no load balancer); empty on a stack that serves visitors.
   */
  default Optional<String> frontDoorUnreachable() {
    return Optional.empty();
  }

  /** Why the app's tasks cannot be seen running, when they cannot (an emulator runs none). */
  default Optional<String> tasksUnobservable() {
    return Optional.empty();
  }

  /**
   * Every port the stack publishes on the host, or why this target cannot say (its processes all
   * listen on the host, or the platform is not a host).
   */
  default HostExposure hostExposure() {
    return HostExposure.unknown("target " + describe() + " publishes no container ports");
  }

  /**
   * Who each running task's processes run as, where the target can tell (a process on the host runs
   * as whoever started the harness, so the embedded target cannot).
   */
  default Optional<List<TaskUser>> taskUsers() {
    return Optional.empty();
  }

  /**
   * Each running task, as its own user, tries to create a file in the app's directory and in its
   * temp directory, where the target can run a command inside a task (a container); the files it
   * could create are removed again.
   */
  default Optional<List<TaskWrite>> tryWrites() {
    return Optional.empty();
  }

  /** Fault injection, where the target supports it. */
  Optional<StackFaults> faults();

  /** Stops and removes everything the stack started. Safe to call more than once. */
  @Override
  void close();
}
