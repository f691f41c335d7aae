package dev.llmkit.testkit.mock;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One wire format the {@link MockLlmServer} speaks: which requests it serves, how it renders a
 * scripted {@link MockReply} (a JSON body, a stream, an error), how it reads a recorded request back
 * into a neutral {@link WireView}, and the facts about the format the contract suite relies on. The
 * server matches each request to a mounted dialect by its path ({@link #paths()}); a path no dialect
 * serves gets a 404 whose body names the dialects that are mounted.
 *
 * <p>The testkit ships {@link WireDialects#openAi()}, {@link WireDialects#anthropic()},
 * {@link WireDialects#gemini()} and {@link WireDialects#ollama()}. A provider for another format
 * implements this interface in its tests and hands it to the server and the contract suite:
 *
 * <pre>{@code
 * final class AcmeDialect implements WireDialect {
 *   public String name() { return "acme"; }
 *   public Pattern paths() { return Pattern.compile("(.*)/v2/generate"); }
 *   public String baseUrl(String root) { return root + "/v2"; }
 *   public String requestPath(String model, boolean stream) { return "/v2/generate"; }
 *   public WireView read(RecordedRequest request) { ... }                // body -> neutral view
 *   public String responseId(String suffix) { return "gen-" + suffix; }
 *   public String finishReason(FinishReason reason) { ... }             // STOP -> "complete", …
 *   public byte[] completion(ResolvedReply reply, RecordedRequest request) { ... }
 *   public StreamScript stream(ResolvedReply reply, RecordedRequest request) { ... }
 *   public String streamError(MockError error) { ... }
 *   public ErrorReply error(MockError error, String requestId) { ... }
 *   public Map<String, String> headers(String requestId) { return Map.of("x-acme-request", requestId); }
 *   public Optional<String> toolCallId(MockToolCall call) { return Optional.of("tc-" + call.idSuffix()); }
 *   public Set<WireFeature> features() { return EnumSet.of(WireFeature.RESPONSE_ID, WireFeature.ERROR_CODE); }
 * }
 *
 * try (MockLlmServer mock = MockLlmServer.start(new AcmeDialect())) {
 *   mock.reply(MockReply.text("Hello"));
 *   // configure the provider with mock.baseUrl(dialect), call it, then:
 *   assertThat(mock.lastRequest().view().transcript()).containsExactly("user: Hi");
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe (the server renders concurrent requests) and should be
 * stateless. Rendering methods get replies with every field resolved; text to be streamed is split
 * with {@link ResolvedReply#pieces}.
 */
public interface WireDialect {

  // ---- serving ----

  /** A short name for messages and the 404 body, e.g. {@code "openai"}. */
  String name();

  /**
   * The request paths (query excluded) this dialect answers, as a pattern that must match the whole
   * path; allow any prefix (e.g. {@code "(.*)/chat/completions"}) so that compatible base URLs work.
   */
  Pattern paths();

  /** The base URL a provider of this format is configured with, given the server root {@code http://127.0.0.1:PORT}. */
  String baseUrl(String root);

  /** The path a provider configured with {@link #baseUrl} calls for a chat request. */
  String requestPath(String model, boolean stream);

  /**
   * The path of the format's token-counting endpoint, when the format counts on the server. The
   * server answers a request to it with an estimate ({@link #tokenCount}) and keeps the reply queue.
   */
  default Optional<String> tokenCountPath(String model) {
    return Optional.empty();
  }

  // ---- reading ----

  /**
   * The request read back: model, stream flag, system prompt, turns, tools, key and problems. Must
   * not throw on a malformed body (tests send anything); read what is there.
   */
  WireView read(RecordedRequest request);

  // ---- rendering ----

  /** A response id from a random part ({@code chatcmpl-…}, {@code msg_01…}). */
  String responseId(String suffix);

  /** The raw finish reason for a normalized one, as this format spells it. */
  String finishReason(FinishReason reason);

  /** The non-streamed response body. */
  byte[] completion(ResolvedReply reply, RecordedRequest request);

  /** The streamed response, event by event. */
  StreamScript stream(ResolvedReply reply, RecordedRequest request);

  /** The content type of a stream. */
  default String streamContentType() {
    return "text/event-stream; charset=utf-8";
  }

  /** What a stalled stream repeats to keep the connection open (an SSE comment; a blank NDJSON line). */
  default String keepAlive() {
    return ": keep-alive\n";
  }

  /** The error a stream fails with when the script names none ({@link MockReply#midStreamError()}). */
  default MockError streamFailure() {
    return MockError.of(ErrorKind.SERVER_ERROR);
  }

  /** An error inside a stream that has already answered 200, as one event. */
  String streamError(MockError error);

  /** An HTTP error: status, the headers that go with it, and the body in this format's shape. */
  ErrorReply error(MockError error, String requestId);

  /** The body answering a token-counting request ({@link #tokenCountPath}). */
  default byte[] tokenCount(long inputTokens) {
    throw new UnsupportedOperationException(name() + " has no token-counting endpoint");
  }

  /** A fresh request id as the provider spells it. */
  default String requestId() {
    return "req_" + Ids.random(24);
  }

  /** Headers every response of this format carries (request id and the like). */
  Map<String, String> headers(String requestId);

  // ---- facts the contract suite checks ----

  /** The id this format gives a tool call, or empty when its calls carry none (the provider makes one up). */
  Optional<String> toolCallId(MockToolCall call);

  /** What this format carries; the contract suite checks a fact only where the format has it. */
  Set<WireFeature> features();
}
