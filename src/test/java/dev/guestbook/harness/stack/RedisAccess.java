package dev.guestbook.harness.stack;

import java.util.Optional;

/**
 * The stack's Redis: where the tasks are told to find it, and whether the test runner can reach it
 * directly (on AWS a private ElastiCache cannot be reached from outside the VPC).
 *
 * @param forTasks the endpoint the stack provisioned for the tasks (what REDISHOST should name)
 * @param fromRunner the same Redis as the runner reaches it, if it can
 * @param whyUnreachable when {@code fromRunner} is empty, the reason, for the step's message
 */
public record RedisAccess(
    RedisEndpoint forTasks, Optional<RedisEndpoint> fromRunner, String whyUnreachable) {

  public static RedisAccess reachable(RedisEndpoint forTasks, RedisEndpoint fromRunner) {
    return new RedisAccess(forTasks, Optional.of(fromRunner), "");
  }
}
