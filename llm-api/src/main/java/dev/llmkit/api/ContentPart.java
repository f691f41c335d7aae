package dev.llmkit.api;

import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A piece of user content: text, an image or a document. */
public sealed interface ContentPart {

  static ContentPart text(String text) {
    return new Text(text);
  }

  /** Plain text. */
  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, either by URL ({@code url} set) or inline ({@code base64Data} and {@code mediaType}
   * set). Inline data is held as base64 so that the value stays immutable and cheap to compare.
   */
  record Image(@Nullable String url, @Nullable String base64Data, @Nullable String mediaType, ImageDetail detail)
      implements ContentPart {
    public Image {
      Objects.requireNonNull(detail, "detail");
      if ((url == null) == (base64Data == null)) {
        throw new IllegalArgumentException("an image needs exactly one of url or base64Data");
      }
      if (base64Data != null && mediaType == null) {
        throw new IllegalArgumentException("an inline image needs a mediaType such as image/png");
      }
    }

    public static Image ofUrl(String url) {
      return new Image(url, null, null, ImageDetail.AUTO);
    }

    public static Image ofBytes(byte[] data, String mediaType) {
      return new Image(null, Base64.getEncoder().encodeToString(data), mediaType, ImageDetail.AUTO);
    }

    public Image withDetail(ImageDetail newDetail) {
      return new Image(url, base64Data, mediaType, newDetail);
    }

    /** The image as a URL: the https URL, or a {@code data:} URL for inline bytes. */
    public String asUrl() {
      return url != null ? url : "data:" + mediaType + ";base64," + base64Data;
    }
  }

  /** A document (for example a PDF) sent inline as base64. */
  record Document(String base64Data, String mediaType, @Nullable String title) implements ContentPart {
    public Document {
      Objects.requireNonNull(base64Data, "base64Data");
      Objects.requireNonNull(mediaType, "mediaType");
    }

    public static Document ofBytes(byte[] data, String mediaType) {
      return new Document(Base64.getEncoder().encodeToString(data), mediaType, null);
    }
  }

  /** How closely the model should look at an image (OpenAI's {@code detail}). */
  enum ImageDetail {
    AUTO,
    LOW,
    HIGH
  }
}
