package dev.llmkit.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of llmkit. {@link #kind()} says what went wrong; subclasses exist only
 * where callers catch them separately ({@link RateLimitException}, {@link ContextWindowExceededException},
 * ...). Build instances with {@link #builder(ErrorKind, String)}, which picks the subclass for the kind.
 * Messages never contain secrets.
 */
public class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final boolean retryable;
  private final @Nullable String provider;
  private final @Nullable String model;
  private final @Nullable Integer httpStatus;
  private final @Nullable Duration retryAfter;
  private final @Nullable String providerCode;
  private final @Nullable String requestId;
  private final boolean midStream;
  private final @Nullable String providerMessage;
  private final @Nullable String providerType;
  private final transient @Nullable RateLimits rateLimits; // records are not Serializable
  private final @Nullable String rawFinishReason;
  private final transient @Nullable ChatResponse partialResponse;

  protected LlmException(Builder b) {
    super(b.message, b.cause);
    this.kind = b.kind;
    this.retryable = b.retryable != null ? b.retryable : b.kind.retryableByDefault();
    this.provider = b.provider;
    this.model = b.model;
    this.httpStatus = b.httpStatus;
    this.retryAfter = b.retryAfter;
    this.providerCode = b.providerCode;
    this.requestId = b.requestId;
    this.midStream = b.midStream;
    this.providerMessage = b.providerMessage;
    this.providerType = b.providerType;
    this.rateLimits = b.rateLimits;
    this.rawFinishReason = b.rawFinishReason;
    this.partialResponse = b.partialResponse;
  }

  public static Builder builder(ErrorKind kind, String message) {
    return new Builder(kind, message);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** Whether sending the same request again may succeed. */
  public boolean retryable() {
    return retryable;
  }

  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The wait the provider asked for before a retry. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The provider's own error type or code, e.g. {@code rate_limit_exceeded}. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** True when the error arrived inside a stream that had already started (HTTP 200). */
  public boolean midStream() {
    return midStream;
  }

  /** The provider's own error message, as it sent it (redacted of secrets), without llmkit's wording. */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  /**
   * The provider's error type where it sends one beside a code, e.g. Anthropic's
   * {@code overloaded_error}, OpenAI's {@code invalid_request_error}, Gemini's {@code RESOURCE_EXHAUSTED}.
   */
  public Optional<String> providerType() {
    return Optional.ofNullable(providerType);
  }

  /** The rate-limit figures of the failed response's headers; {@link RateLimits#NONE} when there were none. */
  public RateLimits rateLimits() {
    return rateLimits == null ? RateLimits.NONE : rateLimits;
  }

  /** The provider's finish reason when a stream ended with an error after saying why it stopped. */
  public Optional<String> rawFinishReason() {
    return Optional.ofNullable(rawFinishReason);
  }

  /**
   * For an error in the middle of a stream: what had arrived before it (text, reasoning, tool calls,
   * usage so far), so a caller can keep it. Tokens in it were generated and are usually billed.
   */
  public Optional<ChatResponse> partialResponse() {
    return Optional.ofNullable(partialResponse);
  }

  /** A copy builder, e.g. to add the model name at a layer that knows it. */
  public Builder toBuilder() {
    return new Builder(kind, getMessage())
        .cause(getCause())
        .retryable(retryable)
        .provider(provider)
        .model(model)
        .httpStatus(httpStatus)
        .retryAfter(retryAfter)
        .providerCode(providerCode)
        .requestId(requestId)
        .midStream(midStream)
        .providerMessage(providerMessage)
        .providerType(providerType)
        .rateLimits(rateLimits())
        .rawFinishReason(rawFinishReason)
        .partialResponse(partialResponse);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[').append(kind);
    if (provider != null) {
      sb.append(", provider=").append(provider);
    }
    if (model != null) {
      sb.append(", model=").append(model);
    }
    if (httpStatus != null) {
      sb.append(", status=").append(httpStatus);
    }
    return sb.append("]: ").append(getMessage()).toString();
  }

  /** Collects the fields of an {@link LlmException}; {@link #build()} picks the subclass for the kind. */
  public static final class Builder {
    private final ErrorKind kind;
    private String message;
    private @Nullable Throwable cause;
    private @Nullable Boolean retryable;
    private @Nullable String provider;
    private @Nullable String model;
    private @Nullable Integer httpStatus;
    private @Nullable Duration retryAfter;
    private @Nullable String providerCode;
    private @Nullable String requestId;
    private boolean midStream;
    private @Nullable String providerMessage;
    private @Nullable String providerType;
    private RateLimits rateLimits = RateLimits.NONE;
    private @Nullable String rawFinishReason;
    private @Nullable ChatResponse partialResponse;

    private Builder(ErrorKind kind, String message) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.message = Objects.requireNonNull(message, "message");
    }

    /** Replaces the message, e.g. to add what a layer decided ({@code toBuilder().message(e.getMessage() + " ...")}). */
    public Builder message(String value) {
      message = Objects.requireNonNull(value, "message");
      return this;
    }

    public Builder cause(@Nullable Throwable value) {
      cause = value;
      return this;
    }

    public Builder retryable(@Nullable Boolean value) {
      retryable = value;
      return this;
    }

    public Builder provider(@Nullable String value) {
      provider = value;
      return this;
    }

    public Builder model(@Nullable String value) {
      model = value;
      return this;
    }

    public Builder httpStatus(@Nullable Integer value) {
      httpStatus = value;
      return this;
    }

    public Builder retryAfter(@Nullable Duration value) {
      retryAfter = value;
      return this;
    }

    public Builder providerCode(@Nullable String value) {
      providerCode = value;
      return this;
    }

    public Builder requestId(@Nullable String value) {
      requestId = value;
      return this;
    }

    public Builder midStream(boolean value) {
      midStream = value;
      return this;
    }

    public Builder providerMessage(@Nullable String value) {
      providerMessage = value;
      return this;
    }

    public Builder providerType(@Nullable String value) {
      providerType = value;
      return this;
    }

    public Builder rateLimits(@Nullable RateLimits value) {
      rateLimits = value == null ? RateLimits.NONE : value;
      return this;
    }

    public Builder rawFinishReason(@Nullable String value) {
      rawFinishReason = value;
      return this;
    }

    public Builder partialResponse(@Nullable ChatResponse value) {
      partialResponse = value;
      return this;
    }

    public LlmException build() {
      return switch (kind) {
        case RATE_LIMITED, QUOTA_EXHAUSTED -> new RateLimitException(this);
        case CONTEXT_WINDOW_EXCEEDED -> new ContextWindowExceededException(this);
        case CONTENT_POLICY -> new ContentPolicyException(this);
        case AUTHENTICATION, PERMISSION_DENIED -> new AuthenticationException(this);
        case TIMEOUT -> new LlmTimeoutException(this);
        case BUDGET_EXCEEDED -> new BudgetExceededException(this);
        case FUNCTION_CALL_VALIDATION -> new FunctionCallValidationException(this);
        case CANCELLED -> new LlmCancelledException(this);
        default -> new LlmException(this);
      };
    }
  }
}
