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

  /** Fault injection, where the target supports it. */
  Optional<StackFaults> faults();

  /** Stops and removes everything the stack started. Safe to call more than once. */
  @Override
  void close();
}
