package dev.guestbook.harness.steps;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.RedisProbe;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.stack.RedisAccess;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskStatus;
import java.util.List;
import org.opentest4j.TestAbortedException;

/** Scenario-scoped access to the run's stack and the drivers pointed at it. */
public final class StackContext {

  private final RunScope run = RunScope.run();

  public HarnessConfig config() {
    return run.config();
  }

  public StackUnderTest stack() {
    return run.stack();
  }

  public GuestbookClient frontDoor() {
    return new GuestbookClient(stack().frontDoor());
  }

  public List<TaskStatus> tasks() {
    return stack().tasks();
  }

  /** The stack's Redis as the runner reaches it; skips the step's scenario when it cannot. */
  public RedisProbe redisProbe() {
    RedisAccess access = stack().redis();
    return new RedisProbe(
        access
            .fromRunner()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "Redis cannot be checked directly: " + access.whyUnreachable())));
  }

  /** A client for one task, for checks that must bypass the front door. */
  public GuestbookClient task(TaskStatus task) {
    return new GuestbookClient(
        task.directUrl()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "task "
                            + task.id()
                            + " is not reachable directly on "
                            + stack().describe())));
  }

  /** The stack if this run already started one; never starts one. */
  java.util.Optional<StackUnderTest> startedStack() {
    return run.startedStack();
  }
}
