package dev.guestbook.harness.steps;

import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.TaskStatus;

/** A plain-text picture of a stack for report attachments. */
final class StackReport {

  private StackReport() {}

  static String describe(StackUnderTest stack) {
    StringBuilder text = new StringBuilder(stack.describe()).append('\n');
    text.append("front door: ").append(stack.frontDoor()).append('\n');
    text.append("redis (for tasks): ").append(stack.redis().forTasks()).append('\n');
    try {
      for (TaskStatus task : stack.tasks()) {
        text.append("task ").append(task).append(": ").append(task.health().detail()).append('\n');
      }
    } catch (RuntimeException e) {
      text.append("tasks could not be read: ").append(e).append('\n');
    }
    return text.toString();
  }
}
