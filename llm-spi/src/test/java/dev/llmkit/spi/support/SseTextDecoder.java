package dev.llmkit.spi.support;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The smallest real {@link StreamDecoder}: SSE {@code data:} lines become text deltas,
 * {@code [DONE]} completes, {@code event: finish} records a raw finish reason, {@code event: error} is an
 * in-band provider error and {@code event: crash} a parse failure. A body that ends before {@code [DONE]}
 * is left for the publisher to report. It keeps the response headers' metadata and says what it had.
 */
final class SseTextDecoder implements StreamDecoder {
  static final String PROVIDER = "test";

  private final SseDecoder sse = new SseDecoder();
  private final ResponseAssembler assembler = new ResponseAssembler();
  private boolean done;

  @Override
  public void responseHeaders(HttpHeaders headers) {
    assembler.metadata(ResponseHeaders.metadata(headers, Clock.systemUTC()));
  }

  @Override
  public ChatResponse partial() {
    return assembler.partial(PROVIDER, "test-model");
  }

  @Override
  public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
    sse.feed(buffer, event -> onEvent(event, out));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) {
    sse.finish(event -> onEvent(event, out));
  }

  private void onEvent(SseEvent event, Consumer<ChatEvent> out) {
    if (done) {
      return;
    }
    if ("error".equals(event.event())) {
      throw LlmException.builder(ErrorKind.OVERLOADED, PROVIDER + " reported an error in the stream: " + event.data())
          .provider(PROVIDER).providerCode(event.data()).build();
    }
    if ("finish".equals(event.event())) {
      assembler.finishReason(event.data());
      return;
    }
    if ("crash".equals(event.event())) {
      throw new IllegalStateException("unreadable event: " + event.data());
    }
    if ("[DONE]".equals(event.data())) {
      done = true;
      out.accept(new ChatEvent.Completed(assembler.build(PROVIDER, "test-model", FinishReason.STOP, "stop")));
      return;
    }
    out.accept(assembler.text(event.data()));
  }
}
