package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.HttpErrors;
import dev.llmkit.spi.support.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Classifies Ollama errors. They carry no code or type, only {@code {"error": "<text>"}}, as the body
 * of an error status or as an NDJSON line inside a 200 stream, so the status and the text decide: any
 * message about the "context length" is CONTEXT_WINDOW_EXCEEDED, a 404 (a model that is not pulled)
 * is NOT_FOUND with the {@code ollama pull} command in the message, an in-band error is a SERVER_ERROR,
 * and other statuses follow the common table. Each error carries the redacted text as provider message.
 * A refused connection becomes an error that says the server is not running and how to start it.
 */
final class OllamaErrors {
  private static final String PROVIDER = OllamaProviderFactory.ID;

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Redactor redactor;
  private final String serverUrl;

  /** {@code serverUrl} names the server in connection errors: it must hold no credentials. */
  OllamaErrors(ObjectMapper mapper, Clock clock, Redactor redactor, String serverUrl) {
    this.mapper = mapper;
    this.clock = clock;
    this.redactor = redactor;
    this.serverUrl = serverUrl;
  }

  /** The error for a non-2xx response to a request for {@code model}. */
  LlmException fromResponse(int status, HttpHeaders headers, byte[] body, String model) {
    String detail = errorText(body);
    ErrorKind kind = classify(detail, status);
    String text = detail != null ? detail : describeBody(body);
    String message = "ollama returned HTTP " + status + ": " + text + hint(kind, model);
    return HttpErrors.fromResponse(PROVIDER, kind, status, headers, redactor.scrub(message), clock)
        .model(model)
        .providerMessage(detail == null ? null : redactor.scrub(detail))
        .build();
  }

  /**
   * The error for an {@code {"error": ...}} object inside a 200 answer; in a stream, the stream marks it
   * mid-stream and adds the status and the partial response.
   */
  LlmException inBand(JsonNode chunk, String model) {
    String detail = errorText(chunk);
    ErrorKind kind = classify(detail, null);
    String message = "ollama stream failed: " + (detail != null ? detail : "no message") + hint(kind, model);
    return LlmException.builder(kind, redactor.scrub(message))
        .provider(PROVIDER)
        .model(model)
        .providerMessage(detail == null ? null : redactor.scrub(detail))
        .build();
  }

  /** {@code failure} explained when it is a refused connection (see {@link #unreachable(LlmException, String)}). */
  Throwable unreachable(Throwable failure, String model) {
    return failure instanceof LlmException e ? unreachable(e, model) : failure;
  }

  /**
   * {@code e}, from a call for {@code model}, explained when it is a refused connection, whose usual
   * reason is that no Ollama server runs at that address; any other error unchanged.
   */
  LlmException unreachable(LlmException e, String model) {
    if (e.kind() != ErrorKind.CONNECTION || e.midStream() || !refused(e)) {
      return e;
    }
    return LlmException.builder(ErrorKind.CONNECTION, "cannot connect to the Ollama server at " + serverUrl
            + ": it is not running there (or not reachable). Start it with `ollama serve` (or open the Ollama app),"
            + " or set LlmConfig.baseUrl to the address it listens on")
        .provider(PROVIDER)
        .model(model)
        .cause(e.getCause())
        .build();
  }

  static ErrorKind classify(@Nullable String detail, @Nullable Integer status) {
    // A 5xx that mentions the context length is the runner failing, not the prompt being too long.
    if ((status == null || status < 500) && HttpErrors.looksLikeContextWindow(detail)) {
      return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
    }
    return status == null ? ErrorKind.SERVER_ERROR : HttpErrors.kindForStatus(status);
  }

  private static String hint(ErrorKind kind, String model) {
    return kind == ErrorKind.NOT_FOUND ? " (download the model with `ollama pull " + model + "`)" : "";
  }

  private static boolean refused(LlmException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** The text of {@code {"error": "..."}}, or of a proxy's {@code {"error": {"message": "..."}}}. */
  private static @Nullable String errorText(@Nullable JsonNode root) {
    JsonNode error = root == null ? null : root.get("error"); // null too when the root is no object
    if (error != null && error.isObject()) {
      error = error.get("message");
    }
    return error != null && error.isTextual() && !error.asText().isBlank() ? error.asText() : null;
  }

  private @Nullable String errorText(byte[] body) {
    try {
      return errorText(mapper.readTree(body));
    } catch (IOException notJson) {
      return null; // an HTML or plain-text page from a proxy
    }
  }

  private static String describeBody(byte[] body) {
    String snippet = HttpErrors.snippet(body);
    return snippet.isEmpty() ? "empty body" : snippet;
  }
}
