package dev.llmkit.testkit.mock;

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
 * Turns a {@link MockReply} into the WireMock response for one request: JSON or SSE, errors, delays,
 * truncation, stalls.
 */
final class ReplyRenderer {
  /** How often a stalled stream sends a keep-alive comment; also when its first bytes go out. */
  private static final long STALL_TICK_MILLIS = 50;
  private static final byte[] KEEP_ALIVE = ": keep-alive\n".getBytes(StandardCharsets.US_ASCII);

  private ReplyRenderer() {}

  static ResponseDefinition render(MockReply reply, RecordedRequest request, WireDialect dialect) {
    String requestId = dialect.requestId();
    switch (reply.kind()) {
      case HANG:
        return hang(reply.delayDuration(), reply.stallWindow());
      case ERROR:
        return errorDefinition(reply, requireError(reply), dialect, requestId);
      default:
        return request.isStream() ? stream(reply, request, dialect, requestId) : complete(reply, request, dialect, requestId);
    }
  }

  /** The answer to a count_tokens request: the same estimate the default usage uses. */
  static ResponseDefinition tokenCount(RecordedRequest request, WireDialect dialect) {
    String body = "{\"input_tokens\":" + TokenEstimate.input(request.json()) + "}";
    ResponseDefinitionBuilder b = base(200, dialect.standardHeaders(dialect.requestId()), Map.of())
        .withHeader("content-type", "application/json")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
    return b.build();
  }

  /** A 500 in the format's error shape, for a responder that threw. */
  static ResponseDefinition responderFailure(RuntimeException failure, WireDialect dialect) {
    ErrorSpec spec = ErrorSpec.uniform(500, "mock_responder_error", "the mock responder failed: " + failure);
    String requestId = dialect.requestId();
    return base(500, dialect.standardHeaders(requestId), Map.of())
        .withHeader("content-type", "application/json")
        .withBody(dialect.errorBody(spec, requestId))
        .build();
  }

  private static ResponseDefinition complete(MockReply reply, RecordedRequest request, WireDialect dialect,
      String requestId) {
    switch (reply.cut()) {
      case STALL:
        return hang(reply.delayDuration(), reply.stallWindow());
      case ERROR:
        return errorDefinition(reply, inBandAsHttp(reply, dialect), dialect, requestId);
      default:
        break;
    }
    byte[] body = dialect.completion(ResolvedReply.of(reply, request, dialect), request);
    if (reply.cut() == MockReply.Cut.TRUNCATE) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    return delayed(base(200, dialect.standardHeaders(requestId), reply.headers())
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
        events.add(dialect.inBandError(
            reply.inBandType() != null ? reply.inBandType() : dialect.defaultInBandType(),
            reply.inBandMessage() != null ? reply.inBandMessage() : dialect.defaultInBandMessage()));
        break;
      default:
        events = script.all();
    }
    byte[] body = String.join("", events).getBytes(StandardCharsets.UTF_8);
    ResponseDefinitionBuilder b = base(200, dialect.standardHeaders(requestId), reply.headers())
        .withHeader("content-type", "text/event-stream; charset=utf-8")
        .withHeader("cache-control", "no-cache");
    if (reply.cut() == MockReply.Cut.STALL) {
      return stall(b, body, reply.stallWindow(), reply.delayDuration());
    }
    return delayed(b.withBody(body), reply.delayDuration()).build();
  }

  /**
   * A stream that sends {@code prefix} promptly, then only keep-alive comments until the window
   * ends. WireMock's chunked dribble splits a body into equal chunks sent at equal intervals, so the
   * prefix is made exactly one chunk and the padding the rest.
   */
  private static ResponseDefinition stall(ResponseDefinitionBuilder b, byte[] prefix, Duration window, Duration delay) {
    long windowMillis = window.toMillis();
    int chunks = (int) Math.max(2, windowMillis / STALL_TICK_MILLIS);
    int chunkSize = Math.max(prefix.length, KEEP_ALIVE.length);
    byte[] body = new byte[Math.multiplyExact(chunkSize, chunks)];
    int pos = 0;
    if (prefix.length < chunkSize) {
      // An empty prefix: the first chunk is a keep-alive too.
      pos = fillKeepAlive(body, 0, chunkSize);
    } else {
      System.arraycopy(prefix, 0, body, 0, prefix.length);
      pos = prefix.length;
    }
    fillKeepAlive(body, pos, body.length);
    return delayed(b.withBody(body), delay)
        .withChunkedDribbleDelay(chunks, (int) Math.min(Integer.MAX_VALUE, (long) chunks * STALL_TICK_MILLIS))
        .build();
  }

  private static int fillKeepAlive(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      body[i] = KEEP_ALIVE[(i - from) % KEEP_ALIVE.length];
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

  private static ResponseDefinition errorDefinition(MockReply reply, ErrorSpec spec, WireDialect dialect,
      String requestId) {
    ResponseDefinitionBuilder b = base(dialect.errorStatus(spec), dialect.standardHeaders(requestId),
        dialect.errorHeaders(spec));
    reply.headers().forEach(b::withHeader);
    return delayed(b.withHeader("content-type", "application/json").withBody(dialect.errorBody(spec, requestId)),
        reply.delayDuration())
        .build();
  }

  private static ErrorSpec inBandAsHttp(MockReply reply, WireDialect dialect) {
    return ErrorSpec.forInBandType(
        reply.inBandType() != null ? reply.inBandType() : dialect.defaultInBandType(),
        reply.inBandMessage() != null ? reply.inBandMessage() : dialect.defaultInBandMessage());
  }

  private static ErrorSpec requireError(MockReply reply) {
    ErrorSpec spec = reply.error();
    if (spec == null) {
      throw new IllegalStateException("an error reply without an error: " + reply);
    }
    return spec;
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
