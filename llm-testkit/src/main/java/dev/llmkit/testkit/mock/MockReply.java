package dev.llmkit.testkit.mock;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One scripted answer of the {@link MockLlmServer}, independent of the wire format: the server renders
 * it in the {@link WireDialect} of the request (OpenAI, Anthropic, Gemini, Ollama JSON), and as that
 * dialect's stream when the request asked for one. Immutable; every {@code withX} method returns a
 * changed copy.
 *
 * <pre>{@code
 * mock.reply(MockReply.text("Hello").withUsage(Usage.of(12, 3)));
 * mock.reply(MockReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
 * mock.reply(MockReply.text("42").withReasoning("Six times seven.").inChunks(5));
 * mock.reply(MockReply.rateLimited(Duration.ofSeconds(7)));
 * mock.reply(MockReply.text("slow").delay(Duration.ofSeconds(5)));
 * mock.reply(MockReply.text("a long answer").stallMidStream());     // some events, then silence
 * mock.reply(MockReply.text("cut").truncated());                   // no [DONE] / message_stop / done line
 * mock.reply(MockReply.text("oops").midStreamError());             // in-band error event
 * }</pre>
 *
 * <p>Rendering rules worth knowing:
 * <ul>
 *   <li>Usage: a scripted {@link Usage} uses the normalized meaning ({@code inputTokens} includes cache
 *       reads and writes; {@code outputTokens} includes reasoning). A {@code null} count is left off the
 *       wire, so a correct provider parses back exactly the scripted usage. Without scripted usage the
 *       server estimates counts from the request (four characters a token) and reports every field.</li>
 *   <li>Finish reason: by default {@code TOOL_CALLS} when the reply has tool calls, else {@code STOP};
 *       rendered as each dialect spells it ({@link WireDialect#finishReason}): {@code stop}/{@code end_turn},
 *       {@code tool_calls}/{@code tool_use}, {@code length}/{@code max_tokens}; Gemini and Ollama say
 *       {@code STOP}/{@code stop} for tool calls, as the real APIs do.</li>
 *   <li>Reasoning is sent as an Anthropic {@code thinking} block with its signature, a Gemini thought
 *       part, Ollama's {@code thinking}. OpenAI Chat Completions returns no reasoning text, so only the
 *       reasoning token count reaches that wire.</li>
 *   <li>Streams: text, reasoning and each tool call's arguments are split into {@link #inChunks(int)}
 *       pieces. OpenAI streams send the usage chunk only when the request set
 *       {@code stream_options.include_usage}, as the real API does.</li>
 * </ul>
 */
public final class MockReply {
  static final int DEFAULT_CHUNKS = 3;
  static final Duration DEFAULT_STALL = Duration.ofSeconds(30);

  /** What kind of answer this is. */
  enum Kind {
    CONTENT,
    ERROR,
    HANG,
    FAULT,
    RAW
  }

  /** How a streamed content reply ends early, if at all. */
  enum Cut {
    NONE,
    TRUNCATE,
    ERROR,
    STALL
  }

  private final Kind kind;
  private final @Nullable String text;
  private final @Nullable String reasoning;
  private final @Nullable String signature;
  private final List<MockToolCall> toolCalls;
  private final @Nullable Usage usage;
  private final @Nullable FinishReason finishReason;
  private final @Nullable String rawFinishReason;
  private final int chunks;
  private final Duration delay;
  private final Duration stallWindow;
  private final Cut cut;
  private final int cutAfter;
  private final @Nullable MockError streamError;
  private final @Nullable MockError error;
  private final Map<String, String> headers;
  private final String idSuffix;
  private final @Nullable String id;
  private final @Nullable String model;
  private final @Nullable MockFault fault;
  private final Duration dribble;
  private final int rawStatus;
  private final @Nullable String rawContentType;
  private final @Nullable String rawBody;

  private MockReply(Draft d) {
    kind = d.kind;
    text = d.text;
    reasoning = d.reasoning;
    signature = d.signature;
    toolCalls = List.copyOf(d.toolCalls);
    usage = d.usage;
    finishReason = d.finishReason;
    rawFinishReason = d.rawFinishReason;
    chunks = d.chunks;
    delay = d.delay;
    stallWindow = d.stallWindow;
    cut = d.cut;
    cutAfter = d.cutAfter;
    streamError = d.streamError;
    error = d.error;
    headers = Map.copyOf(d.headers);
    idSuffix = d.idSuffix;
    id = d.id;
    model = d.model;
    fault = d.fault;
    dribble = d.dribble;
    rawStatus = d.rawStatus;
    rawContentType = d.rawContentType;
    rawBody = d.rawBody;
  }

  // ---- transport faults and raw bodies ----

  /**
   * A broken exchange instead of an answer: the connection reset, closed without a reply, a
   * malformed chunked body, or random bytes then a close ({@link MockFault}).
   */
  public static MockReply fault(MockFault fault) {
    Objects.requireNonNull(fault, "fault");
    Draft d = new Draft(Kind.FAULT);
    d.fault = fault;
    return new MockReply(d);
  }

  /**
   * Exactly this status, content type and body, whatever the dialect: a 200 that is not JSON, an
   * HTML error page from a proxy, a body of an unknown shape.
   */
  public static MockReply raw(int status, String contentType, String body) {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is between 100 and 599, got " + status);
    }
    Draft d = new Draft(Kind.RAW);
    d.rawStatus = status;
    d.rawContentType = contentType;
    d.rawBody = body;
    return new MockReply(d);
  }

  // ---- content replies ----

  /** A plain text answer. */
  public static MockReply text(String text) {
    Objects.requireNonNull(text, "text");
    return content(d -> d.text = text);
  }

  /** An answer that calls one or more tools (several make a parallel call). */
  public static MockReply toolCalls(MockToolCall... calls) {
    if (calls.length == 0) {
      throw new IllegalArgumentException("toolCalls needs at least one call");
    }
    return content(d -> d.toolCalls.addAll(List.of(calls)));
  }

  /** An answer that calls one tool with the given JSON object arguments. */
  public static MockReply toolCall(String name, String argumentsJson) {
    return toolCalls(MockToolCall.of(name, argumentsJson));
  }

  // ---- error replies ----

  /**
   * An HTTP error with this status, type and message in every dialect's error shape: {@code type} goes
   * into Anthropic's {@code error.type}, OpenAI's {@code error.type} and {@code error.code}, Gemini's
   * {@code error.status}; Ollama's error is the message alone.
   */
  public static MockReply error(int status, String type, String message) {
    return error(MockError.custom(status, type, message));
  }

  /** An HTTP error for a condition, in each dialect's own status, body and headers. */
  public static MockReply error(MockError error) {
    Objects.requireNonNull(error, "error");
    Draft d = new Draft(Kind.ERROR);
    d.error = error;
    return new MockReply(d);
  }

  /** A wrong API key: 401 ({@code invalid_api_key} / {@code authentication_error}); Gemini 400 {@code API_KEY_INVALID}. */
  public static MockReply authenticationError() {
    return error(MockError.of(ErrorKind.AUTHENTICATION));
  }

  /**
   * 429: a rate limit ({@code rate_limit_exceeded} / {@code rate_limit_error} / {@code RESOURCE_EXHAUSTED})
   * with the wait where the format puts it: a {@code retry-after} header in whole seconds (rounded up) and
   * rate-limit headers, Gemini's {@code RetryInfo}. Ollama sends no hint.
   */
  public static MockReply rateLimited(Duration retryAfter) {
    return error(MockError.rateLimited(retryAfter));
  }

  /** Billing exhausted: OpenAI 429 {@code insufficient_quota}, Anthropic 402 {@code billing_error}, Gemini's per-day quota. */
  public static MockReply insufficientQuota() {
    return error(MockError.of(ErrorKind.QUOTA_EXHAUSTED));
  }

  /** 400: the prompt does not fit the context window, with each provider's wording. */
  public static MockReply contextWindowExceeded() {
    return error(MockError.of(ErrorKind.CONTEXT_WINDOW_EXCEEDED));
  }

  /** 404: an unknown model ({@code model_not_found} / {@code not_found_error} / {@code NOT_FOUND}). */
  public static MockReply modelNotFound() {
    return error(MockError.of(ErrorKind.NOT_FOUND));
  }

  /** 500: an internal server error ({@code server_error} / {@code api_error} / {@code INTERNAL}). */
  public static MockReply serverError() {
    return error(MockError.of(ErrorKind.SERVER_ERROR));
  }

  /** Overloaded: OpenAI and Ollama 503, Anthropic 529 {@code overloaded_error}, Gemini 503 {@code UNAVAILABLE}. */
  public static MockReply overloaded() {
    return error(MockError.of(ErrorKind.OVERLOADED));
  }

  /**
   * No answer at all: the server accepts the request and stays silent (no status line) for the
   * stall window ({@link #stallFor}, 30 s by default), then closes the connection. For timeout and
   * cancellation tests.
   */
  public static MockReply hang() {
    return new MockReply(new Draft(Kind.HANG));
  }

  // ---- modifiers ----

  /** Adds (or replaces) the answer text, e.g. text before tool calls. */
  public MockReply withText(String value) {
    Objects.requireNonNull(value, "text");
    return changeContent(d -> d.text = value);
  }

  /** Adds tool calls to a text answer. */
  public MockReply withToolCalls(MockToolCall... calls) {
    return changeContent(d -> d.toolCalls.addAll(List.of(calls)));
  }

  /** Adds reasoning (an Anthropic thinking block, a Gemini thought) with a generated signature. */
  public MockReply withReasoning(String value) {
    return withReasoning(value, generatedSignature());
  }

  /** Adds reasoning with the given signature. */
  public MockReply withReasoning(String value, String signatureValue) {
    Objects.requireNonNull(value, "reasoning");
    Objects.requireNonNull(signatureValue, "signature");
    return changeContent(d -> {
      d.reasoning = value;
      d.signature = signatureValue;
    });
  }

  /**
   * The usage to report. {@code inputTokens} and {@code outputTokens} are required; cache reads and
   * writes are part of {@code inputTokens}, reasoning part of {@code outputTokens}.
   */
  public MockReply withUsage(Usage value) {
    Objects.requireNonNull(value, "usage");
    if (value.inputTokens() == null || value.outputTokens() == null) {
      throw new IllegalArgumentException("a scripted usage needs inputTokens and outputTokens");
    }
    long cached = orZero(value.cacheReadTokens()) + orZero(value.cacheWriteTokens());
    if (cached > value.inputTokens()) {
      throw new IllegalArgumentException("inputTokens includes cache reads and writes, so it cannot be smaller");
    }
    if (orZero(value.reasoningTokens()) > value.outputTokens()) {
      throw new IllegalArgumentException("outputTokens includes reasoning tokens, so it cannot be smaller");
    }
    return changeContent(d -> d.usage = value);
  }

  /** The finish reason, rendered as each format spells it. */
  public MockReply withFinishReason(FinishReason value) {
    Objects.requireNonNull(value, "finishReason");
    return changeContent(d -> {
      d.finishReason = value;
      d.rawFinishReason = null;
    });
  }

  /** A finish reason sent verbatim (e.g. {@code "stop"} together with tool calls, as vLLM does). */
  public MockReply withRawFinishReason(String value) {
    Objects.requireNonNull(value, "rawFinishReason");
    return changeContent(d -> {
      d.rawFinishReason = value;
      d.finishReason = null;
    });
  }

  /** The response id, verbatim in every format that has one (default: {@link WireDialect#responseId} of a random part). */
  public MockReply withId(String value) {
    Objects.requireNonNull(value, "id");
    return changeContent(d -> d.id = value);
  }

  /** The model name the response reports (default: the model of the request). */
  public MockReply withModel(String value) {
    Objects.requireNonNull(value, "model");
    return changeContent(d -> d.model = value);
  }

  /** How many pieces streamed text, reasoning and each tool call's arguments are split into (default 3). */
  public MockReply inChunks(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chunks must be at least 1, got " + n);
    }
    return changeContent(d -> d.chunks = n);
  }

  /** Waits this long before sending the status line. */
  public MockReply delay(Duration value) {
    Objects.requireNonNull(value, "delay");
    if (value.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return change(d -> d.delay = value);
  }

  /**
   * Sends the body in small pieces spread over {@code total} (a slow server dribbling its answer):
   * every piece arrives well within an idle timeout shorter than {@code total}.
   */
  public MockReply dribbled(Duration total) {
    Objects.requireNonNull(total, "total");
    if (total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("a dribble lasts a positive time, got " + total);
    }
    return changeContent(d -> d.dribble = total);
  }

  /** Adds a response header (e.g. {@code retry-after}). */
  public MockReply header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return change(d -> d.headers.put(name, value));
  }

  /**
   * Ends the stream early, without a finish reason, usage or terminator ({@code [DONE]},
   * {@code message_stop}, Ollama's {@code done} line, Gemini's {@code finishReason} chunk): after the
   * opening event(s) and half of the content events. A non-streamed request gets half of the JSON body.
   */
  public MockReply truncated() {
    return cut(Cut.TRUNCATE, -1);
  }

  /** Ends the stream without a terminator after exactly {@code events} SSE events. */
  public MockReply truncatedAfter(int events) {
    return cut(Cut.TRUNCATE, requirePositive(events));
  }

  /**
   * Sends an in-band error event after half of the content, as a provider does when it fails inside
   * a 200 stream ({@link WireDialect#streamFailure()}): OpenAI a {@code data:} chunk with a top-level
   * {@code error} ({@code server_error}), Anthropic {@code event: error} ({@code overloaded_error}),
   * Gemini a {@code data:} error ({@code UNAVAILABLE}), Ollama an {@code {"error": …}} line. Nothing
   * follows it. A non-streamed request gets the matching HTTP error.
   */
  public MockReply midStreamError() {
    return cut(Cut.ERROR, -1);
  }

  /**
   * {@link #midStreamError()} with the given error type and message in every format; a type naming an
   * overload or a rate limit makes the non-streamed twin a 529/503 or a 429, anything else a 500.
   */
  public MockReply midStreamError(String type, String message) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    return cut(Cut.ERROR, -1).changeContent(d -> d.streamError = MockError.inBand(type, message));
  }

  /**
   * Streams the opening event(s) and half of the content, then stalls: the connection stays open,
   * carrying only SSE keep-alive comments, until the stall window ends and the server closes it
   * without a terminator. A non-streamed request gets no answer (like {@link #hang()}).
   */
  public MockReply stallMidStream() {
    return cut(Cut.STALL, -1);
  }

  /** Like {@link #stallMidStream()} but after exactly {@code events} SSE events. */
  public MockReply stallAfter(int events) {
    return cut(Cut.STALL, requirePositive(events));
  }

  /** How long a stall or {@link #hang()} lasts before the server gives up (default 30 s). */
  public MockReply stallFor(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || window.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a stall window is positive and below 24 days, got " + window);
    }
    return change(d -> d.stallWindow = window);
  }

  // ---- what the server reads ----

  Kind kind() {
    return kind;
  }

  @Nullable String text() {
    return text;
  }

  @Nullable String reasoning() {
    return reasoning;
  }

  @Nullable String signature() {
    return signature;
  }

  List<MockToolCall> toolCalls() {
    return toolCalls;
  }

  @Nullable Usage usage() {
    return usage;
  }

  @Nullable FinishReason finishReason() {
    return finishReason;
  }

  @Nullable String rawFinishReason() {
    return rawFinishReason;
  }

  int chunks() {
    return chunks;
  }

  Duration delayDuration() {
    return delay;
  }

  Duration stallWindow() {
    return stallWindow;
  }

  Cut cut() {
    return cut;
  }

  /** The number of SSE events before the cut, or -1 for the default point. */
  int cutAfter() {
    return cutAfter;
  }

  /** The scripted in-band error, or {@code null} for the dialect's usual one. */
  @Nullable MockError streamError() {
    return streamError;
  }

  @Nullable MockError error() {
    return error;
  }

  Map<String, String> headers() {
    return headers;
  }

  String idSuffix() {
    return idSuffix;
  }

  @Nullable String id() {
    return id;
  }

  @Nullable String model() {
    return model;
  }

  @Nullable MockFault fault() {
    return fault;
  }

  /** How long the body takes to dribble out, or zero to send it at once. */
  Duration dribble() {
    return dribble;
  }

  int rawStatus() {
    return rawStatus;
  }

  @Nullable String rawContentType() {
    return rawContentType;
  }

  @Nullable String rawBody() {
    return rawBody;
  }

  /** The finish reason in effect: scripted, or derived from the content. */
  FinishReason effectiveFinishReason() {
    if (finishReason != null) {
      return finishReason;
    }
    return toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MockReply[").append(kind);
    if (kind == Kind.FAULT) {
      sb.append(' ').append(fault);
    }
    if (kind == Kind.RAW) {
      sb.append(' ').append(rawStatus).append(' ').append(rawContentType);
    }
    if (kind == Kind.ERROR && error != null) {
      sb.append(' ').append(error.kind());
      if (error.status() != null) {
        sb.append(' ').append(error.status()).append(' ').append(error.type());
      }
    }
    if (text != null) {
      sb.append(", text=").append(text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
    if (!toolCalls.isEmpty()) {
      sb.append(", toolCalls=").append(toolCalls.stream().map(MockToolCall::name).toList());
    }
    if (cut != Cut.NONE) {
      sb.append(", ").append(cut);
    }
    return sb.append(']').toString();
  }

  private static MockReply content(Consumer<Draft> edit) {
    Draft d = new Draft(Kind.CONTENT);
    edit.accept(d);
    return new MockReply(d);
  }

  private MockReply cut(Cut mode, int after) {
    return changeContent(d -> {
      d.cut = mode;
      d.cutAfter = after;
    });
  }

  private MockReply changeContent(Consumer<Draft> edit) {
    if (kind != Kind.CONTENT) {
      throw new IllegalStateException("this applies to text and tool-call replies, not to " + kind);
    }
    return change(edit);
  }

  private MockReply change(Consumer<Draft> edit) {
    Draft d = new Draft(this);
    edit.accept(d);
    return new MockReply(d);
  }

  private static int requirePositive(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("events must be at least 1, got " + events);
    }
    return events;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static String generatedSignature() {
    byte[] bytes = new byte[48];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "EqQB" + Base64.getEncoder().encodeToString(bytes);
  }

  /** The mutable copy the {@code withX} methods edit. */
  private static final class Draft {
    Kind kind;
    @Nullable String text;
    @Nullable String reasoning;
    @Nullable String signature;
    final List<MockToolCall> toolCalls = new ArrayList<>();
    @Nullable Usage usage;
    @Nullable FinishReason finishReason;
    @Nullable String rawFinishReason;
    int chunks = DEFAULT_CHUNKS;
    Duration delay = Duration.ZERO;
    Duration stallWindow = DEFAULT_STALL;
    Cut cut = Cut.NONE;
    int cutAfter = -1;
    @Nullable MockError streamError;
    @Nullable MockError error;
    final Map<String, String> headers = new LinkedHashMap<>();
    String idSuffix = Ids.random();
    @Nullable String id;
    @Nullable String model;
    @Nullable MockFault fault;
    Duration dribble = Duration.ZERO;
    int rawStatus;
    @Nullable String rawContentType;
    @Nullable String rawBody;

    Draft(Kind kind) {
      this.kind = kind;
    }

    Draft(MockReply r) {
      kind = r.kind;
      text = r.text;
      reasoning = r.reasoning;
      signature = r.signature;
      toolCalls.addAll(r.toolCalls);
      usage = r.usage;
      finishReason = r.finishReason;
      rawFinishReason = r.rawFinishReason;
      chunks = r.chunks;
      delay = r.delay;
      stallWindow = r.stallWindow;
      cut = r.cut;
      cutAfter = r.cutAfter;
      streamError = r.streamError;
      error = r.error;
      headers.putAll(r.headers);
      idSuffix = r.idSuffix;
      id = r.id;
      model = r.model;
      fault = r.fault;
      dribble = r.dribble;
      rawStatus = r.rawStatus;
      rawContentType = r.rawContentType;
      rawBody = r.rawBody;
    }
  }
}
