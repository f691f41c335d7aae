package dev.llmkit.core.tokens;

import com.knuddels.jtokkit.api.Encoding;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Message;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.UserMessage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts with OpenAI's own vocabularies (jtokkit's port of tiktoken), for the OpenAI family.
 *
 * <p>What is exact and what is estimated:
 * <ul>
 *   <li>Text is encoded exactly ({@link #countText}); special-token strings such as
 *       {@code <|endoftext|>} in user text count as the ordinary text they are.
 *   <li>Messages are counted as OpenAI's cookbook counts chat messages ("How to count tokens with
 *       tiktoken"): {@value #TOKENS_PER_MESSAGE} tokens of framing per message plus its role, the text,
 *       {@value #TOKENS_PER_NAME} more for a name, and {@value #REPLY_PRIMING} for the priming of the reply
 *       ({@code <|start|>assistant<|message|>}). The cookbook checks this against the API's
 *       {@code prompt_tokens} (129 for its example on gpt-3.5/gpt-4, 124 on gpt-4o); OpenAI calls it an
 *       estimate that may change from model to model.
 *   <li>Tool calls in assistant messages count {@value #TOKENS_PER_TOOL_CALL} framing tokens plus the
 *       function name and the arguments JSON; a tool result counts its content and the function name
 *       (the id is not shown to the model). Reasoning is not counted: Chat Completions takes none back.
 *       These are estimates.
 *   <li>Tool definitions count as their compact JSON ({@code {"description","name","parameters"}}), an
 *       estimate: OpenAI renders them as a TypeScript-like namespace, which is usually a little shorter,
 *       so the count errs high (on the cookbook's weather tool: see the tests).
 *       A {@code JSON_SCHEMA} response format counts as its name and schema JSON, likewise.
 *   <li>Images follow OpenAI's published cost rules ({@link #imageTokens(int, int, ContentPart.ImageDetail)}).
 *       The size is read from the header of inline PNG, JPEG, GIF and WebP images; an image by URL, whose
 *       size is unknown, counts as a 1024×1024 image (OpenAI's own worked example: 765 tokens on gpt-4o
 *       at high or auto detail, 85 at low).
 *   <li>Documents: a text document counts as its text; a PDF as {@value #PDF_PAGE_TOKENS} tokens a page
 *       (OpenAI reads each page's text and an image of it; Anthropic quotes 1,500 to 3,000 text tokens a
 *       page), other types as a quarter of their bytes. Estimates.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; the vocabulary is loaded once per JVM on first use
 * ({@link SharedEncodings}).
 */
public final class TiktokenCounter implements TokenCounter {
  /** Framing of every message ({@code <|start|>}, the role's separator, {@code <|end|>}), per OpenAI's cookbook. */
  public static final int TOKENS_PER_MESSAGE = 3;
  /** Extra for a message's {@code name} field, per OpenAI's cookbook. */
  public static final int TOKENS_PER_NAME = 1;
  /** The priming of the reply, {@code <|start|>assistant<|message|>}, per OpenAI's cookbook. */
  public static final int REPLY_PRIMING = 3;
  /** Framing of each tool call in an assistant message (an estimate, as for a message). */
  public static final int TOKENS_PER_TOOL_CALL = 3;
  /** Tokens a PDF page is taken to cost (an estimate: the upper end of Anthropic's 1,500 to 3,000 text tokens a page). */
  public static final int PDF_PAGE_TOKENS = 3_000;

  /** The side of the square an image of unknown size is taken to be (OpenAI's worked example). */
  static final int DEFAULT_IMAGE_SIDE = 1024;

  private final TiktokenEncoding encoding;
  private final ImageCost imageCost;
  private volatile @Nullable Encoding loaded;

  TiktokenCounter(TiktokenEncoding encoding, ImageCost imageCost) {
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.imageCost = Objects.requireNonNull(imageCost, "imageCost");
  }

  /** A counter with this vocabulary, pricing images as gpt-4o does. */
  public static TiktokenCounter of(TiktokenEncoding encoding) {
    return new TiktokenCounter(encoding, ImageCost.DEFAULT);
  }

  /**
   * A counter for an OpenAI model name: its vocabulary ({@link TiktokenEncoding#forModelName}, or
   * {@code o200k_base}, that of every current OpenAI model, for a name the table does not know) and its
   * image costs.
   */
  public static TiktokenCounter forModel(String modelName) {
    TiktokenEncoding e = TiktokenEncoding.forModelName(modelName).orElse(TiktokenEncoding.O200K_BASE);
    return new TiktokenCounter(e, ImageCost.forModel(TiktokenEncoding.normalize(modelName)));
  }

  public TiktokenEncoding encoding() {
    return encoding;
  }

  @Override
  public String name() {
    return "tiktoken:" + encoding.encodingName();
  }

  /**
   * The exact token count of {@code text} in this vocabulary, special-token strings counted as ordinary
   * text and a lone surrogate as U+FFFD, as tiktoken encodes them (jtokkit itself throws an
   * {@code AssertionError} on a lone surrogate, which a string cut inside an emoji has).
   */
  public int countText(String text) {
    return text.isEmpty() ? 0 : vocabulary().countTokensOrdinary(TextSizes.withoutLoneSurrogates(text));
  }

  @Override
  public long count(ChatRequest request) {
    long total = REPLY_PRIMING;
    for (Message m : request.messages()) {
      total += message(m);
    }
    for (ToolSpec tool : request.tools()) {
      total += countText(TextSizes.toolJson(tool));
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      total += countText(TextSizes.schemaJson(format));
    }
    return total;
  }

  /**
   * One message as OpenAI's cookbook counts it: {@value #TOKENS_PER_MESSAGE} + the role + the content,
   * and {@value #TOKENS_PER_NAME} + the name when there is one. The reply priming is not included.
   */
  long message(String role, @Nullable String name, String content) {
    long n = TOKENS_PER_MESSAGE + countText(role) + countText(content);
    if (name != null) {
      n += TOKENS_PER_NAME + countText(name);
    }
    return n;
  }

  private long message(Message m) {
    long n = TOKENS_PER_MESSAGE + countText(m.role());
    if (m instanceof SystemMessage s) {
      n += countText(s.text());
    } else if (m instanceof UserMessage u) {
      for (ContentPart part : u.content()) {
        n += part(part);
      }
    } else if (m instanceof AssistantMessage a) {
      if (a.text() != null) {
        n += countText(a.text());
      }
      for (ToolCall call : a.toolCalls()) {
        n += TOKENS_PER_TOOL_CALL + countText(call.name()) + countText(call.arguments());
      }
    } else if (m instanceof ToolMessage t) {
      n += countText(t.toolName()) + countText(t.content());
      for (ContentPart image : t.images()) {
        n += part(image);
      }
    }
    return n;
  }

  private long part(ContentPart part) {
    if (part instanceof ContentPart.Text t) {
      return countText(t.text());
    }
    if (part instanceof ContentPart.Image image) {
      return imageTokens(image);
    }
    if (part instanceof ContentPart.Document d) {
      long n = d.title() == null ? 0 : countText(d.title());
      String text = DocumentContent.text(d);
      if (text != null) {
        return n + countText(text);
      }
      if (DocumentContent.isPdf(d)) {
        return n + (long) PDF_PAGE_TOKENS * DocumentContent.pdfPages(d);
      }
      return n + DocumentContent.ceilDiv(DocumentContent.decodedLength(d.base64Data()), 4);
    }
    return 0;
  }

  /** The tokens of an image: its size from an inline image's header, else that of a 1024×1024 image. */
  public long imageTokens(ContentPart.Image image) {
    ImageSize size = ImageSize.of(image);
    return size == null
        ? imageTokens(DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE, image.detail())
        : imageTokens(size.width(), size.height(), image.detail());
  }

  /**
   * The tokens of a {@code width}×{@code height} image on this counter's model, by OpenAI's published
   * rules (vision guide, "Calculating costs"):
   * <ul>
   *   <li>Tile models (gpt-4o, gpt-4.1, gpt-4.5 and any model not listed below: 85 + 170 a tile; gpt-5:
   *       70 + 140; o1 and o3: 75 + 150; gpt-4o-mini: 2,833 + 5,667): {@code low} detail costs the base
   *       alone; {@code high} scales the image to fit 2048×2048, then its shorter side down to 768, and
   *       adds a tile per 512-pixel square. {@code auto} is counted as {@code high} (the model chooses; high
   *       is never less). 1024×1024 at high is 765 on gpt-4o, 2048×4096 is 1,105.
   *   <li>Patch models (gpt-4.1-mini and gpt-5-mini ×1.62, gpt-4.1-nano and gpt-5-nano ×2.46, o4-mini
   *       ×1.72): a token per 32-pixel patch, the image scaled down to at most 1,536 patches, times the
   *       model's multiplier; detail does not change it.
   * </ul>
   */
  public long imageTokens(int width, int height, ContentPart.ImageDetail detail) {
    return imageCost.tokens(width, height, detail);
  }

  private Encoding vocabulary() {
    Encoding e = loaded;
    if (e == null) {
      e = SharedEncodings.get(encoding); // the same instance every time: a racing second load is harmless
      loaded = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return name();
  }

  /** How a model prices images: tiles ({@code base + perTile} a 512-pixel tile) or 32-pixel patches times a multiplier. */
  record ImageCost(int base, int perTile, double patchMultiplier) {
    static final ImageCost DEFAULT = tiles(85, 170);
    static final int MAX_PATCHES = 1536;

    static ImageCost tiles(int base, int perTile) {
      return new ImageCost(base, perTile, 0);
    }

    static ImageCost patches(double multiplier) {
      return new ImageCost(0, 0, multiplier);
    }

    /** The cost rules of a normalized OpenAI model name. */
    static ImageCost forModel(String n) {
      if (n.startsWith("gpt-4o-mini")) {
        return tiles(2833, 5667);
      }
      if (n.startsWith("gpt-4.1-mini") || n.startsWith("gpt-5-mini")) {
        return patches(1.62);
      }
      if (n.startsWith("gpt-4.1-nano") || n.startsWith("gpt-5-nano")) {
        return patches(2.46);
      }
      if (n.startsWith("o4-mini")) {
        return patches(1.72);
      }
      if (n.startsWith("gpt-5")) {
        return tiles(70, 140);
      }
      if (n.equals("o1") || n.startsWith("o1-") || n.equals("o3") || n.startsWith("o3-")) {
        return tiles(75, 150);
      }
      return DEFAULT;
    }

    long tokens(int width, int height, ContentPart.ImageDetail detail) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("an image needs a positive size, was " + width + "x" + height);
      }
      if (patchMultiplier > 0) {
        return (long) Math.ceil(patchCount(width, height) * patchMultiplier - 1e-9);
      }
      if (detail == ContentPart.ImageDetail.LOW) {
        return base;
      }
      return base + (long) perTile * tileCount(width, height);
    }

    /** 512-pixel tiles after fitting into 2048×2048 and scaling the shorter side to 768. */
    static long tileCount(int width, int height) {
      double w = width;
      double h = height;
      double longer = Math.max(w, h);
      if (longer > 2048) {
        w = w * 2048 / longer;
        h = h * 2048 / longer;
      }
      double shorter = Math.min(w, h);
      if (shorter > 768) {
        w = w * 768 / shorter;
        h = h * 768 / shorter;
      }
      return ceil(w / 512) * ceil(h / 512);
    }

    /** 32-pixel patches, the image scaled down (keeping whole patches across) to at most 1,536 of them. */
    static long patchCount(int width, int height) {
      long raw = ceil(width / 32.0) * ceil(height / 32.0);
      if (raw <= MAX_PATCHES) {
        return raw;
      }
      double r = Math.sqrt(32.0 * 32.0 * MAX_PATCHES / ((double) width * height));
      double across = width * r / 32;
      double down = height * r / 32;
      r *= Math.min(Math.floor(across) / across, Math.floor(down) / down);
      return Math.min(MAX_PATCHES, ceil(width * r / 32) * ceil(height * r / 32));
    }

    private static long ceil(double x) {
      return (long) Math.ceil(x - 1e-9);
    }
  }
}
