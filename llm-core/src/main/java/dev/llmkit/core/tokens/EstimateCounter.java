package dev.llmkit.core.tokens;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.UserMessage;

/**
 * A tokenizer-free count for models whose vocabulary llmkit does not have (Claude, Gemini, Llama,
 * Mistral, ...): an estimate with {@link #count}, and a bound that errs only high with
 * {@link #upperBound}.
 *
 * <p><b>The estimate</b> ({@link #count}): each piece of text (a message's text, a tool call's name and
 * arguments, a tool result, a reasoning block, a text document) costs its UTF-8 bytes / {@value
 * #BYTES_PER_TOKEN}, rounded up: about what BPE vocabularies give for English prose and code, fewer than
 * they give for CJK text and emoji. Each message adds {@value #MESSAGE_OVERHEAD} tokens of framing, the
 * reply priming {@value #REPLY_PRIMING}, each tool call {@value #TOOL_CALL_OVERHEAD}; tool definitions
 * count their compact JSON plus {@value #TOOLS_PREAMBLE} for the instructions templates put around them; an
 * image {@value #IMAGE_TOKENS} (about a 1.15-megapixel image on Claude, the largest it keeps unscaled); a
 * PDF page {@value TiktokenCounter#PDF_PAGE_TOKENS}. Expect it within a few tens of percent on prose,
 * and low on CJK-heavy text.
 *
 * <p><b>The bound</b> ({@link #upperBound}): a token of a byte-level BPE vocabulary (tiktoken, Llama 3,
 * Qwen, Mistral's Tekken...) covers at least one byte, and a SentencePiece vocabulary with byte fallback
 * (Llama 2, Gemma) at most adds a word-start marker per piece; so each piece of text is bounded by its
 * UTF-8 bytes + {@value #PIECE_OVERHEAD_BOUND}. Framing is bounded by {@value #MESSAGE_OVERHEAD_BOUND} +
 * the role's bytes a message (ChatML takes 4, Llama 3 and Gemma 5), {@value #REPLY_PRIMING_BOUND} for the
 * reply and the start of the prompt, {@value #TOOL_CALL_OVERHEAD_BOUND} a tool call, and
 * {@value #TOOLS_PREAMBLE_BOUND} for the tool instructions (Anthropic publishes 159 to 530 for its
 * tool-use system prompt). For text, tool calls and tool definitions this never falls below the true
 * count of such a tokenizer. Images and PDFs have no such argument: they are bounded by documented
 * per-item figures, {@value #IMAGE_UPPER_BOUND} an image (at or above OpenAI's and Anthropic's per-image
 * maximum for every model but gpt-4o-mini, which bills an image as up to 48,169 tokens, and Gemini's
 * tiling of very large images) and {@value #PDF_PAGE_UPPER_BOUND} a PDF page.
 *
 * <p>Immutable and thread-safe; use {@link #INSTANCE}.
 */
public final class EstimateCounter implements TokenCounter {
  public static final EstimateCounter INSTANCE = new EstimateCounter();

  /** UTF-8 bytes a token is taken to cover. */
  public static final int BYTES_PER_TOKEN = 4;
  /** Framing of a message (role and delimiters). */
  public static final int MESSAGE_OVERHEAD = 4;
  /** The priming of the reply. */
  public static final int REPLY_PRIMING = 3;
  /** Framing of a tool call. */
  public static final int TOOL_CALL_OVERHEAD = 3;
  /** The instructions a chat template wraps around tool definitions, when there are any. */
  public static final int TOOLS_PREAMBLE = 100;
  /** An image of any size. */
  public static final int IMAGE_TOKENS = 1_600;

  /** Bound on a message's framing, beside its role's bytes. */
  public static final int MESSAGE_OVERHEAD_BOUND = 10;
  /** Bound on what a tokenizer adds to a piece of text beyond its bytes (a SentencePiece word-start marker). */
  public static final int PIECE_OVERHEAD_BOUND = 1;
  /** Bound on the reply priming and the start of the prompt. */
  public static final int REPLY_PRIMING_BOUND = 10;
  /** Bound on a tool call's framing. */
  public static final int TOOL_CALL_OVERHEAD_BOUND = 10;
  /** Bound on the tool instructions, when there are tool definitions. */
  public static final int TOOLS_PREAMBLE_BOUND = 600;
  /** Bound on an image (documented, not derived: see the class comment). */
  public static final int IMAGE_UPPER_BOUND = 3_800;
  /** Bound on a PDF page (documented, not derived): 3,000 text tokens and a page image. */
  public static final int PDF_PAGE_UPPER_BOUND = 3_000 + IMAGE_UPPER_BOUND;

  private EstimateCounter() {}

  @Override
  public String name() {
    return "estimate";
  }

  /** The estimate described in the class comment. */
  @Override
  public long count(ChatRequest request) {
    return walk(request, false);
  }

  /**
   * A count never below the true one for the text, tool calls and tool definitions of the request on any
   * byte-level BPE tokenizer, images and PDFs bounded by documented figures (see the class comment).
   * For budgets and decisions where counting too few is worse than counting too many.
   */
  public long upperBound(ChatRequest request) {
    return walk(request, true);
  }

  /** The estimate for one piece of text: its UTF-8 bytes / {@value #BYTES_PER_TOKEN}, rounded up. */
  public static long estimateText(String text) {
    return DocumentContent.ceilDiv(TextSizes.utf8Length(text), BYTES_PER_TOKEN);
  }

  private static long walk(ChatRequest request, boolean bound) {
    long total = bound ? REPLY_PRIMING_BOUND : REPLY_PRIMING;
    for (Message m : request.messages()) {
      total += bound ? MESSAGE_OVERHEAD_BOUND + TextSizes.utf8Length(m.role()) : MESSAGE_OVERHEAD;
      total += content(m, bound);
    }
    if (!request.tools().isEmpty()) {
      total += bound ? TOOLS_PREAMBLE_BOUND : TOOLS_PREAMBLE;
      for (ToolSpec tool : request.tools()) {
        total += text(TextSizes.toolJson(tool), bound);
      }
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      total += text(TextSizes.schemaJson(format), bound);
    }
    return total;
  }

  private static long content(Message m, boolean bound) {
    long n = 0;
    if (m instanceof SystemMessage s) {
      n += text(s.text(), bound);
    } else if (m instanceof UserMessage u) {
      for (ContentPart part : u.content()) {
        n += part(part, bound);
      }
    } else if (m instanceof AssistantMessage a) {
      if (a.text() != null) {
        n += text(a.text(), bound);
      }
      for (Reasoning r : a.reasoning()) {
        n += text(r.text(), bound);
        if (r.redactedData() != null) {
          n += text(r.redactedData(), bound);
        }
      }
      for (ToolCall call : a.toolCalls()) {
        n += (bound ? TOOL_CALL_OVERHEAD_BOUND : TOOL_CALL_OVERHEAD) + text(call.name(), bound) + text(call.arguments(), bound);
      }
    } else if (m instanceof ToolMessage t) {
      n += text(t.toolName(), bound) + text(t.content(), bound);
      for (ContentPart image : t.images()) {
        n += part(image, bound);
      }
      if (bound) {
        n += text(t.toolCallId(), true); // some templates show the call id
      }
    }
    return n;
  }

  private static long part(ContentPart part, boolean bound) {
    if (part instanceof ContentPart.Text t) {
      return text(t.text(), bound);
    }
    if (part instanceof ContentPart.Image) {
      return bound ? IMAGE_UPPER_BOUND : IMAGE_TOKENS;
    }
    if (part instanceof ContentPart.Document d) {
      long n = d.title() == null ? 0 : text(d.title(), bound);
      String text = DocumentContent.text(d);
      if (text != null) {
        return n + text(text, bound);
      }
      if (DocumentContent.isPdf(d)) {
        return n + (long) (bound ? PDF_PAGE_UPPER_BOUND : TiktokenCounter.PDF_PAGE_TOKENS) * DocumentContent.pdfPages(d);
      }
      long bytes = DocumentContent.decodedLength(d.base64Data());
      return n + (bound ? bytes + PIECE_OVERHEAD_BOUND : DocumentContent.ceilDiv(bytes, BYTES_PER_TOKEN));
    }
    return 0;
  }

  private static long text(String text, boolean bound) {
    if (text.isEmpty()) {
      return 0;
    }
    return bound ? TextSizes.utf8Length(text) + PIECE_OVERHEAD_BOUND : estimateText(text);
  }

  @Override
  public String toString() {
    return name();
  }
}
