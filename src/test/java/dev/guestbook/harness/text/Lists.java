package dev.guestbook.harness.text;

import java.util.List;
import java.util.stream.Stream;

/** Lists put together. */
public final class Lists {

  private Lists() {}

  /** {@code first}'s elements, then {@code second}'s, in a new unmodifiable list. */
  public static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
    return Stream.<T>concat(first.stream(), second.stream()).toList();
  }
}
