package dev.guestbook.harness.stack;

/**
 * One attempt of a running task to write a file, made inside the task as its own user.
 *
 * @param task the task's id
 * @param path the directory it tried to write in
 * @param written whether the file could be created
 * @param output what the attempt printed (the refusal's reason)
 */
public record TaskWrite(String task, String path, boolean written, String output) {}
