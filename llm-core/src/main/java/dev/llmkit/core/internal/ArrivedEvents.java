package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.support.ResponseAssembler;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a stream has delivered so far, kept as references only, so that a stream that fails
 * after some arrived ends with an error carrying what they said ({@link LlmException#partialResponse()}),
 * whoever raised it: a provider plugin that does not attach it, a deadline, an idle timeout. Not
 * thread-safe: a stream's events and its end are serialized.
 */
final class ArrivedEvents {
  private final List<ChatEvent> events = new ArrayList<>();

  void add(ChatEvent event) {
    if (!(event instanceof ChatEvent.Completed)) {
      events.add(event);
    }
  }

  boolean any() {
    return !events.isEmpty();
  }

  /** {@code error}, mid-stream and with what arrived, unless it says already or nothing arrived. */
  LlmException attachTo(LlmException error, ModelInfo model) {
    if (events.isEmpty() || error.partialResponse().isPresent() || error.kind() == ErrorKind.CANCELLED) {
      return error;
    }
    ResponseAssembler assembler = new ResponseAssembler();
    events.forEach(assembler::accept);
    return error.toBuilder().midStream(true).partialResponse(assembler.partial(model.provider(), model.name())).build();
  }
}
