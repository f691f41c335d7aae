package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link MockReply} into the WireMock response for one request, in the request's dialect:
 * JSON or a stream, errors, delays, truncation, stalls.
 */
final class ReplyRenderer {
  /** How often a stalled stream sends a keep-alive; also when its first bytes go out. */
  private static final long STALL_TICK_MILLIS = 50;

  private ReplyRenderer() {}

  static ResponseDefinition render(MockReply reply, RecordedRequest request) {
    WireDialect dialect = request.dialect();
    String requestId = dialect.requestId();
    switch (reply.kind()) {
      case HANG:
        return hang(reply.delayDuration(), reply.stallWindow());
      case FAULT:
        return delayed(new ResponseDefinitionBuilder().withFault(reply.fault().wireMock()), reply.delayDuration()).build();
      case RAW:
        return delayed(base(reply.rawStatus(), dialect.headers(requestId), reply.headers())
            .withHeader("content-type", reply.rawContentType())
            .withBody(reply.rawBody()), reply.delayDuration()).build();
      case ERROR:
        return errorDefinition(reply, requireError(reply), dialect, requestId);
      default:
        return request.isStream() ? stream(reply, request, dialect, requestId) : complete(reply, request, dialect, requestId);
    }
  }

  /** The answer to a token-counting request: the same estimate the default usage uses. */
  static ResponseDefinition tokenCount(RecordedRequest request) {
    WireDialect dialect = request.dialect();
    return base(200, dialect.headers(dialect.requestId()), Map.of())
        .withHeader("content-type", "application/json")
        .withBody(dialect.tokenCount(TokenEstimate.input(request.json())))
        .build();
  }

  /** A 500 in the dialect's error shape, for a responder that threw. */
  static ResponseDefinition responderFailure(RuntimeException failure, WireDialect dialect) {
    MockError error = MockError.custom(500, "mock_responder_error", "the mock responder failed: " + failure);
    return errorDefinition(MockReply.error(error), error, dialect, dialect.requestId());
  }

  /** A 404 for a request no mounted dialect serves, saying which are mounted and what they serve. */
  static ResponseDefinition notServed(String method, String path, List<WireDialect> dialects) {
    StringBuilder mounted = new StringBuilder();
    for (WireDialect d : dialects) {
      mounted.append(mounted.length() == 0 ? "" : ", ").append(d.name()).append(" (POST ").append(d.paths()).append(')');
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("error").put("type", "mock_not_served").put("message", "the mock LLM server has no dialect for "
        + method + " " + path + "; mounted: " + mounted);
    return base(404, Map.of(), Map.of()).withHeader("content-type", "application/json").withBody(Json.bytes(body)).build();
  }

  private static ResponseDefinition complete(MockReply reply, RecordedRequest request, WireDialect dialect,
      String requestId) {
    switch (reply.cut()) {
      case STALL:
        return hang(reply.delayDuration(), reply.stallWindow());
      case ERROR:
        return errorDefinition(reply, streamError(reply, dialect), dialect, requestId);
      default:
        break;
    }
    byte[] body = dialect.completion(ResolvedReply.of(reply, request, dialect), request);
    if (reply.cut() == MockReply.Cut.TRUNCATE) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    return delayed(base(200, dialect.headers(requestId), reply.headers())
        .withHeader("content-type", "application/json")
        .withBody(body), reply.delayDuration())
        .build();
  }

  private static ResponseDefinition stream(MockReply reply, RecordedRequest request, WireDialect dialect,
      String requestId) {
    StreamScript script = dialect.stream(ResolvedReply.of(reply, request, dialect), request);
    int cutAt = reply.cutAfter() > 0 ? reply.cutAfter() : script.defaultCut();
    List<String> events;
    switch (reply.cut()) {
      case TRUNCATE:
      case STALL:
        events = script.first(cutAt);
        break;
      case ERROR:
        events = new ArrayList<>(script.first(cutAt));
        events.add(dialect.streamError(streamError(reply, dialect)));
        break;
      default:
        events = script.all();
    }
    byte[] body = String.join("", events).getBytes(StandardCharsets.UTF_8);
    ResponseDefinitionBuilder b = base(200, dialect.headers(requestId), reply.headers())
        .withHeader("content-type", dialect.streamContentType())
        .withHeader("cache-control", "no-cache");
    if (reply.cut() == MockReply.Cut.STALL) {
      return stall(b, body, dialect.keepAlive().getBytes(StandardCharsets.UTF_8), reply.stallWindow(),
          reply.delayDuration());
    }
    return dribbled(delayed(b.withBody(body), reply.delayDuration()), reply.dribble(), events.size()).build();
  }

  /** Spreads the body over {@code total} in one piece per event (at least two), when asked to. */
  private static ResponseDefinitionBuilder dribbled(ResponseDefinitionBuilder b, Duration total, int events) {
    return total.isZero() ? b : b.withChunkedDribbleDelay(Math.max(2, events), (int) total.toMillis());
  }

  /**
   * A stream that sends {@code prefix} promptly, then only keep-alive comments until the window
   * ends. WireMock's chunked dribble splits a body into equal chunks sent at equal intervals, so the
   * prefix is made exactly one chunk and the padding the rest.
   */
  private static ResponseDefinition stall(ResponseDefinitionBuilder b, byte[] prefix, byte[] keepAlive, Duration window,
      Duration delay) {
    long windowMillis = window.toMillis();
    int chunks = (int) Math.max(2, windowMillis / STALL_TICK_MILLIS);
    int chunkSize = Math.max(prefix.length, keepAlive.length);
    byte[] body = new byte[Math.multiplyExact(chunkSize, chunks)];
    int pos = 0;
    if (prefix.length < chunkSize) {
      // An empty prefix: the first chunk is a keep-alive too.
      pos = fillKeepAlive(body, keepAlive, 0, chunkSize);
    } else {
      System.arraycopy(prefix, 0, body, 0, prefix.length);
      pos = prefix.length;
    }
    fillKeepAlive(body, keepAlive, pos, body.length);
    return delayed(b.withBody(body), delay)
        .withChunkedDribbleDelay(chunks, (int) Math.min(Integer.MAX_VALUE, (long) chunks * STALL_TICK_MILLIS))
        .build();
  }

  private static int fillKeepAlive(byte[] body, byte[] keepAlive, int from, int to) {
    for (int i = from; i < to; i++) {
      body[i] = keepAlive[(i - from) % keepAlive.length];
    }
    return to;
  }

  /** Silence for the window (no status line), then the connection is closed. */
  private static ResponseDefinition hang(Duration delay, Duration window) {
    long millis = Math.min(Integer.MAX_VALUE, delay.toMillis() + window.toMillis());
    return ResponseDefinitionBuilder.responseDefinition()
        .withFixedDelay((int) millis)
        .withFault(Fault.EMPTY_RESPONSE)
        .build();
  }

  private static ResponseDefinition errorDefinition(MockReply reply, MockError error, WireDialect dialect,
      String requestId) {
    ErrorReply wire = dialect.error(error, requestId);
    ResponseDefinitionBuilder b = base(wire.status(), dialect.headers(requestId), wire.headers());
    reply.headers().forEach(b::withHeader);
    return delayed(b.withHeader("content-type", "application/json").withBody(wire.body()), reply.delayDuration())
        .build();
  }

  /** The scripted in-band error, else the dialect's usual one. */
  private static MockError streamError(MockReply reply, WireDialect dialect) {
    MockError scripted = reply.streamError();
    return scripted != null ? scripted : dialect.streamFailure();
  }

  private static MockError requireError(MockReply reply) {
    MockError error = reply.error();
    if (error == null) {
      throw new IllegalStateException("an error reply without an error: " + reply);
    }
    return error;
  }

  private static ResponseDefinitionBuilder base(int status, Map<String, String> standard, Map<String, String> extra) {
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(status);
    standard.forEach(b::withHeader);
    extra.forEach(b::withHeader);
    return b;
  }

  private static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder b, Duration delay) {
    if (!delay.isZero()) {
      b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delay.toMillis()));
    }
    return b;
  }
}
