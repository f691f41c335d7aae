package dev.llmkit.core;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One link of the call pipeline. Every built-in stage (validation, formatting, accounting, the
 * deadline, the provider call) is one, and so is what an application adds for guardrails, redaction,
 * tracing or its own logging. A stage gets the call through its {@link Chain}, may change the request
 * ({@code chain.proceed(chain.call().withRequest(...))}), answer without proceeding, proceed more than
 * once, or transform what comes back. {@code Llm.complete}, {@code completeAsync} and {@code stream}
 * all run the same stages: a non-streaming call through {@link #intercept}, a stream through
 * {@link #interceptStream}. Both default to passing the call on unchanged, so a stage overrides only
 * what it needs.
 *
 * <pre>{@code
 * LlmInterceptor redact = new LlmInterceptor() {
 *   public CompletableFuture<ChatResponse> intercept(Chain chain) {
 *     return chain.proceed(chain.call().withRequest(scrub(chain.call().request())));
 *   }
 *   public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
 *     return EventStreams.map(chain.proceedStream(chain.call().withRequest(scrub(chain.call().request()))),
 *         e -> e);
 *   }
 * };
 * Llm llm = Llms.builder().config(config).interceptor(redact).build();
 * }</pre>
 *
 * <p>Rules: do not block in {@code intercept} (the returned future is the place to wait); return a
 * publisher from {@code interceptStream} without subscribing to it (nothing is sent until the caller
 * subscribes); keep back-pressure ({@link EventStreams} helps); throw or fail the future with an
 * {@link dev.llmkit.api.LlmException} to refuse a call. Implementations are shared by concurrent calls.
 */
public interface LlmInterceptor {

  /** A non-streaming call ({@code complete} or {@code completeAsync}). */
  default CompletableFuture<ChatResponse> intercept(Chain chain) {
    return chain.proceed(chain.call());
  }

  /** A streamed call: the events the caller will see. */
  default Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    return chain.proceedStream(chain.call());
  }

  /** The call as it reaches this stage, and the rest of the pipeline. */
  interface Chain {

    LlmCall call();

    /** Runs the rest of the pipeline for {@code call}; an exception comes back as a failed future. */
    CompletableFuture<ChatResponse> proceed(LlmCall call);

    /** Builds the rest of the pipeline's stream for {@code call}; nothing is sent before a subscription. */
    Flow.Publisher<ChatEvent> proceedStream(LlmCall call);
  }
}
