package dev.guestbook.harness.stack;

import java.util.List;

/**
 * Who a running task's processes run as.
 *
 * @param task the task's id
 * @param users the user column of every process in it, as the platform reports it
 */
public record TaskUser(String task, List<String> users) {}
