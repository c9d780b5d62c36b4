package dev.guestbook.app;

/**
 * One guestbook entry: 1 to {@value #MAX_CHARACTERS} Unicode characters (code points), not blank.
 *
 * @param text the entry as the visitor wrote it
 */
public record Entry(String text) {

  public static final int MAX_CHARACTERS = 1000;

  /** Why an entry was refused; the message is shown to the client as is. */
  public static final class InvalidEntryException extends RuntimeException {
    InvalidEntryException(String message) {
      super(message, null, false, false);
    }
  }

  public Entry {
    if (text == null || text.isEmpty()) {
      throw new InvalidEntryException(
          "an entry must have 1 to " + MAX_CHARACTERS + " characters, was empty");
    }
    if (text.isBlank()) {
      throw new InvalidEntryException("an entry must not be only white space");
    }
    int characters = text.codePointCount(0, text.length());
    if (characters > MAX_CHARACTERS) {
      throw new InvalidEntryException(
          "an entry must have 1 to " + MAX_CHARACTERS + " characters, had " + characters);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(++i)))) {
        throw new InvalidEntryException("an entry must be valid UTF-8 text");
      }
    }
  }
}
