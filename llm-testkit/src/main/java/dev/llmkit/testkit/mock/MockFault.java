package dev.llmkit.testkit.mock;

import com.github.tomakehurst.wiremock.http.Fault;

/** A broken exchange the mock server can produce instead of an answer ({@link MockReply#fault}). */
public enum MockFault {
  /** The server resets the connection (TCP RST) without answering. */
  CONNECTION_RESET(Fault.CONNECTION_RESET_BY_PEER),
  /** The server closes the connection without sending anything. */
  EMPTY_REPLY(Fault.EMPTY_RESPONSE),
  /** A 200 status line, then a chunked body that is not valid chunked encoding, then a close. */
  MALFORMED_CHUNK(Fault.MALFORMED_RESPONSE_CHUNK),
  /** Random bytes (not HTTP), then a close. */
  RANDOM_DATA_THEN_CLOSE(Fault.RANDOM_DATA_THEN_CLOSE);

  private final Fault wireMock;

  MockFault(Fault wireMock) {
    this.wireMock = wireMock;
  }

  Fault wireMock() {
    return wireMock;
  }
}
