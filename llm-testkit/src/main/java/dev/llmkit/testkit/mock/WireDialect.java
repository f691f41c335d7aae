package dev.llmkit.testkit.mock;

import dev.llmkit.api.FinishReason;
import java.util.Map;

/** How one wire format spells replies, streams and errors. */
interface WireDialect {

  MockLlmServer.WireFormat format();

  /** A response id from the reply's random part ({@code chatcmpl-…}, {@code msg_01…}). */
  String responseId(String suffix);

  /** The raw finish reason for a normalized one. */
  String finishReason(FinishReason reason);

  /** The non-streamed response body. */
  byte[] completion(ResolvedReply reply, RecordedRequest request);

  /** The streamed response as SSE events. */
  StreamScript stream(ResolvedReply reply, RecordedRequest request);

  /** An in-band error as an SSE event. */
  String inBandError(String type, String message);

  String defaultInBandType();

  String defaultInBandMessage();

  int errorStatus(ErrorSpec error);

  byte[] errorBody(ErrorSpec error, String requestId);

  Map<String, String> errorHeaders(ErrorSpec error);

  /** Headers every response of this format carries (request id and the like). */
  Map<String, String> standardHeaders(String requestId);

  /** A request id as the provider spells it. */
  String requestId();
}
