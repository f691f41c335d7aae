package dev.llmkit.spi.support;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import java.net.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Turns the bytes of one successful (2xx) streaming response into {@link ChatEvent}s. Called from one
 * stream's signals only, never concurrently. It emits {@link ChatEvent.Completed} once it has the
 * whole response (e.g. at {@code [DONE]} or {@code message_stop}); bytes after that are not fed.
 * In-band errors are thrown as {@link dev.llmkit.api.LlmException}s with {@code midStream} set.
 */
public interface StreamDecoder {

  /**
   * The headers of the successful response, before the first {@link #feed}: a decoder keeps what the
   * final response's {@link dev.llmkit.api.ResponseMetadata} needs (request id, rate limits).
   */
  default void responseHeaders(HttpHeaders headers) {}

  /**
   * What has been decoded so far, as a response (text, reasoning, tool calls, usage), for the error
   * that ends a stream early; {@code null} when the decoder keeps nothing.
   */
  default @Nullable ChatResponse partial() {
    return null;
  }

  void feed(ByteBuffer buffer, Consumer<ChatEvent> out);

  /**
   * The body ended. A decoder that has not emitted {@code Completed} either completes now (formats
   * that end at EOF) or throws: a stream cut short must never look like a success.
   */
  void finish(Consumer<ChatEvent> out);
}
