package dev.llmkit.spi.support;

import dev.llmkit.api.ChatEvent;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Turns the bytes of one successful (2xx) streaming response into {@link ChatEvent}s. Called from one
 * stream's signals only, never concurrently. It emits {@link ChatEvent.Completed} once it has the
 * whole response (e.g. at {@code [DONE]} or {@code message_stop}); bytes after that are not fed.
 * In-band errors are thrown as {@link dev.llmkit.api.LlmException}s with {@code midStream} set.
 */
public interface StreamDecoder {

  void feed(ByteBuffer buffer, Consumer<ChatEvent> out);

  /**
   * The body ended. A decoder that has not emitted {@code Completed} either completes now (formats
   * that end at EOF) or throws: a stream cut short must never look like a success.
   */
  void finish(Consumer<ChatEvent> out);
}
