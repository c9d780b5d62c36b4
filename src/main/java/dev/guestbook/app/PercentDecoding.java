package dev.guestbook.app;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a path segment or form value: malformed escapes and byte sequences
 * that are not UTF-8 are refused instead of being turned into replacement characters.
 */
final class PercentDecoding {

  private PercentDecoding() {}

  /** Decodes a raw path segment ({@code +} stays a plus sign). */
  static String pathSegment(String raw) {
    return decode(raw, false);
  }

  /** Decodes an {@code application/x-www-form-urlencoded} value ({@code +} is a space). */
  static String formValue(String raw) {
    return decode(raw, true);
  }

  private static String decode(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      int c = raw.codePointAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new Entry.InvalidEntryException("malformed percent-escape at the end of the value");
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new Entry.InvalidEntryException("malformed percent-escape at position " + i);
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Entry.InvalidEntryException("an entry must be valid UTF-8 text");
    }
  }
}
