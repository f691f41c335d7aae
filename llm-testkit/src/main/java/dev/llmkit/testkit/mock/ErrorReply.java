package dev.llmkit.testkit.mock;

import java.util.Map;

/**
 * An HTTP error as one wire format sends it: what {@link WireDialect#error} renders a {@link MockError}
 * into. The server adds the dialect's standard headers, the reply's own headers and the JSON content type.
 *
 * @param status the HTTP status
 * @param headers headers that belong to this error (e.g. {@code retry-after}, rate-limit headers)
 * @param body the JSON body
 */
public record ErrorReply(int status, Map<String, String> headers, byte[] body) {
  public ErrorReply {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** The body bytes (a copy). */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
