package dev.llmkit.core.tokens;

import dev.llmkit.api.ContentPart;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The pixel size of an inline image, read from the header of its PNG, JPEG, GIF or WebP bytes (only the
 * first 96 KiB of base64 are decoded, enough for a JPEG's EXIF block before its frame header). An image
 * by https URL, or one whose header is not understood, has no known size.
 */
record ImageSize(int width, int height) {
  private static final int PREFIX_CHARS = 96 * 1024;

  static @Nullable ImageSize of(ContentPart.Image image) {
    String base64 = image.base64Data();
    String url = image.url();
    if (base64 == null && url != null && url.startsWith("data:")) {
      int comma = url.indexOf(',');
      if (comma > 0 && url.substring(0, comma).endsWith(";base64")) {
        base64 = url.substring(comma + 1);
      }
    }
    if (base64 == null) {
      return null;
    }
    byte[] head = decodePrefix(base64);
    return head == null ? null : parse(head);
  }

  /** The size in a PNG, GIF, WebP or JPEG header, or null. */
  static @Nullable ImageSize parse(byte[] b) {
    try {
      if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
          && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
        return sized(int32be(b, 16), int32be(b, 20));
      }
      if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
        return sized(uint16le(b, 6), uint16le(b, 8));
      }
      if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
          && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
        return webp(b);
      }
      if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
        return jpeg(b);
      }
    } catch (IndexOutOfBoundsException e) {
      return null; // a header cut short
    }
    return null;
  }

  private static @Nullable ImageSize webp(byte[] b) {
    String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    switch (chunk) {
      case "VP8 ": // lossy: a key frame's 14-bit sizes after the 9D 01 2A start code
        return sized(uint16le(b, 26) & 0x3FFF, uint16le(b, 28) & 0x3FFF);
      case "VP8L": { // lossless: signature 0x2F, then 14 bits width-1 and 14 bits height-1
        int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
        return sized((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
      }
      case "VP8X": // extended: 24-bit canvas width-1 and height-1
        return sized(uint24le(b, 24) + 1, uint24le(b, 27) + 1);
      default:
        return null;
    }
  }

  private static @Nullable ImageSize jpeg(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return null;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) { // markers without a length
        i += 2;
        continue;
      }
      int length = uint16be(b, i + 2);
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) { // SOFn: length, precision, height, width
        return sized(uint16be(b, i + 7), uint16be(b, i + 5));
      }
      i += 2 + length;
    }
    return null;
  }

  private static @Nullable ImageSize sized(int width, int height) {
    return width > 0 && height > 0 ? new ImageSize(width, height) : null;
  }

  private static byte @Nullable [] decodePrefix(String base64) {
    StringBuilder sb = new StringBuilder(Math.min(base64.length(), PREFIX_CHARS));
    for (int i = 0; i < base64.length() && sb.length() < PREFIX_CHARS; i++) {
      char c = base64.charAt(i);
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
        sb.append(c);
      } else if (c == '-') { // base64url
        sb.append('+');
      } else if (c == '_') {
        sb.append('/');
      } else if (c == '=') {
        break;
      }
    }
    sb.setLength(sb.length() - sb.length() % 4);
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int int32be(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }

  private static int uint16be(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  private static int uint16le(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static int uint24le(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
  }
}
