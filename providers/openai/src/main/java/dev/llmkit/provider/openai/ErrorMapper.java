package dev.llmkit.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.ErrorResponseMapper;
import dev.llmkit.spi.support.HttpErrors;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns error responses of OpenAI and the compatible servers into {@link LlmException}s. Reads the
 * nested OpenAI body {@code {"error":{message,type,param,code}}}, the flat vLLM/Mistral body
 * {@code {"object":"error","message":..}}, OpenRouter's numeric {@code code}, FastAPI's
 * {@code {"detail":..}} and non-JSON bodies (HTML from proxies). The kind comes from the status,
 * refined by the structured code first and the message text last. Each error also carries the body's
 * own message (redacted), {@code type} and code, and what {@link HttpErrors#fromResponse} reads off the
 * headers (request id, rate limits, retry hint).
 */
final class ErrorMapper implements ErrorResponseMapper {
  private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)");

  private final String provider;
  private final String model;
  private final Clock clock;
  private final Redactor redactor;

  ErrorMapper(String provider, String model, Clock clock, Redactor redactor) {
    this.provider = provider;
    this.model = model;
    this.clock = clock;
    this.redactor = redactor;
  }

  /**
   * The error fields of a body, whichever shape it had.
   *
   * @param message the body's message, or a description of a body that had none
   * @param own whether {@code message} is the server's own wording rather than a snippet of an unknown body
   */
  record Parsed(String message, boolean own, @Nullable String type, @Nullable String code, @Nullable Integer numericCode) {
    /** The provider's own code for {@link LlmException#providerCode()}: the string code, else the type. */
    @Nullable String providerCode() {
      if (code != null) {
        return code;
      }
      if (type != null) {
        return type;
      }
      return numericCode == null ? null : numericCode.toString();
    }

    boolean is(String signature) {
      return signature.equals(code) || signature.equals(type);
    }
  }

  @Override
  public LlmException map(int status, HttpHeaders headers, byte[] body) {
    Parsed p = parse(body);
    ErrorKind kind = refine(HttpErrors.kindForStatus(status), status, p);
    String message = redactor.scrub(provider + " returned HTTP " + status
        + (p.providerCode() == null ? "" : " (" + p.providerCode() + ")") + ": " + p.message());
    LlmException.Builder b = described(HttpErrors.fromResponse(provider, kind, status, headers, message, clock), p);
    if (kind == ErrorKind.RATE_LIMITED && RetryAfter.parse(headers, clock).isEmpty()) {
      fallbackRetryAfter(headers, p).ifPresent(b::retryAfter);
    }
    return b.build();
  }

  /**
   * An error that arrived inside a 200 response: a stream chunk, or a body with no choices. A builder, so
   * that the caller adds what it knows of the exchange (the stream publisher adds status and partial output).
   */
  LlmException.Builder inBand(JsonNode error, boolean midStream) {
    Parsed p = fromErrorNode(error, error);
    ErrorKind kind = p.numericCode() != null && p.numericCode() >= 400 && p.numericCode() < 600
        ? HttpErrors.kindForStatus(p.numericCode())
        : kindForType(p);
    kind = refine(kind, p.numericCode() == null ? 400 : p.numericCode(), p);
    String where = midStream ? " in the middle of the stream" : " in a 200 response";
    String message = redactor.scrub(provider + " reported an error" + where
        + (p.providerCode() == null ? "" : " (" + p.providerCode() + ")") + ": " + p.message());
    return described(LlmException.builder(kind, message).provider(provider), p).midStream(midStream);
  }

  /** The redactor of this provider's key and headers. */
  Redactor redactor() {
    return redactor;
  }

  private LlmException.Builder described(LlmException.Builder b, Parsed p) {
    return b.model(model)
        .providerCode(p.providerCode())
        .providerType(p.type())
        .providerMessage(p.own() ? redactor.scrub(p.message()) : null);
  }

  static Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException notJson) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      String text = HttpErrors.snippet(body);
      return new Parsed(text.isEmpty() ? "(empty body)" : text, false, null, null, null);
    }
    JsonNode error = root.get("error");
    if (error != null && (error.isObject() || error.isTextual())) {
      return fromErrorNode(error, root);
    }
    if (root.hasNonNull("message")) {
      return fromErrorNode(root, root); // flat vLLM / Mistral shape
    }
    JsonNode detail = root.get("detail");
    if (detail != null && !detail.isNull()) {
      return new Parsed(detail.isTextual() ? detail.textValue() : detail.toString(), true, null, null, null);
    }
    return new Parsed(HttpErrors.snippet(body), false, null, null, null);
  }

  private static Parsed fromErrorNode(JsonNode error, JsonNode root) {
    if (error.isTextual()) {
      String type = text(root.get("type"));
      return new Parsed(error.textValue(), true, type, text(root.get("code")), number(root.get("code")));
    }
    String message = text(error.get("message"));
    JsonNode codeNode = error.get("code");
    boolean hasMessage = message != null && !message.isBlank();
    return new Parsed(
        hasMessage ? message : error.toString(),
        hasMessage,
        text(error.get("type")),
        text(codeNode),
        number(codeNode));
  }

  private static ErrorKind refine(ErrorKind byStatus, int status, Parsed p) {
    String code = p.code() == null ? "" : p.code().toLowerCase(Locale.ROOT);
    if (p.is("insufficient_quota") || code.contains("insufficient_quota") || code.equals("billing_hard_limit_reached")) {
      return ErrorKind.QUOTA_EXHAUSTED;
    }
    if (p.is("content_filter") || p.is("content_policy_violation")) {
      return ErrorKind.CONTENT_POLICY; // Azure filtered the prompt
    }
    boolean badRequest = status == 400 || status == 413 || status == 422;
    if (p.is("context_length_exceeded")
        || (badRequest && HttpErrors.looksLikeContextWindow(p.message()))) {
      return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
    }
    if (p.is("invalid_api_key")) {
      return ErrorKind.AUTHENTICATION;
    }
    return byStatus;
  }

  private static ErrorKind kindForType(Parsed p) {
    String sig = ((p.type() == null ? "" : p.type()) + " " + (p.code() == null ? "" : p.code())).toLowerCase(Locale.ROOT);
    // OpenAI's rate-limit type names the exhausted limit: "tokens" or "requests".
    if (sig.contains("rate_limit") || p.is("tokens") || p.is("requests")) {
      return ErrorKind.RATE_LIMITED;
    }
    if (sig.contains("overloaded")) {
      return ErrorKind.OVERLOADED;
    }
    if (sig.contains("invalid_request")) {
      return ErrorKind.INVALID_REQUEST;
    }
    if (sig.contains("authentication")) {
      return ErrorKind.AUTHENTICATION;
    }
    return ErrorKind.SERVER_ERROR;
  }

  /**
   * Without a Retry-After header: the reset header of the exhausted limit (Go durations such as
   * {@code 6m0s}), then Groq's "Please try again in 5.289s" in the message.
   */
  private static Optional<Duration> fallbackRetryAfter(HttpHeaders headers, Parsed p) {
    Duration wait = null;
    for (String limit : new String[] {"requests", "tokens"}) {
      Optional<String> remaining = headers.firstValue("x-ratelimit-remaining-" + limit);
      if (remaining.isPresent() && !"0".equals(remaining.get().trim())) {
        continue;
      }
      Optional<Duration> reset = headers.firstValue("x-ratelimit-reset-" + limit).flatMap(RetryAfter::parseGoDuration);
      if (reset.isPresent() && (wait == null || reset.get().compareTo(wait) > 0)) {
        wait = reset.get();
      }
    }
    if (wait != null) {
      return Optional.of(wait);
    }
    Matcher m = TRY_AGAIN.matcher(p.message());
    return m.find() ? RetryAfter.parseGoDuration(m.group(1)) : Optional.empty();
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static @Nullable Integer number(@Nullable JsonNode node) {
    return node != null && node.isIntegralNumber() ? Integer.valueOf(node.intValue()) : null;
  }
}
