package dev.guestbook.harness.stack;

/**
 * Who a running task's processes run as.
 *
 * @param task the task's id
 * @param users the user column of every process in it, as the platform reports it
 */
public record TaskUser(String task, java.util.List<String> users) {}
