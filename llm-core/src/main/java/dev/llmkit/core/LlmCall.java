package dev.llmkit.core;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ProviderRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One call on its way through the pipeline: the request as the stages so far have shaped it, the
 * model, how the caller called ({@link Mode}), the call's attributes and its {@link Cancellation}.
 * Instances are immutable views: {@code withX} returns a copy to hand to {@code proceed}, while the
 * attributes are shared by every copy of one call, so a later stage reads what an earlier one set and
 * the response carries them all.
 */
public final class LlmCall {

  /** How the application called: {@code Llm.complete}, {@code completeAsync} or {@code stream}. */
  public enum Mode { COMPLETE, ASYNC, STREAM }

  private final ModelInfo model;
  private final Mode mode;
  private final ChatRequest request;
  private final Set<Integer> cacheBreakpoints;
  private final boolean cacheTools;
  private final AtomicReference<CallAttributes> attributes; // copy-on-write: set rarely, read once at the end
  private final Cancellation cancellation;
  private final boolean mayBlock;
  private final @Nullable AttemptBudget attemptBudget;

  private LlmCall(ModelInfo model, Mode mode, ChatRequest request, Set<Integer> cacheBreakpoints, boolean cacheTools,
      AtomicReference<CallAttributes> attributes, Cancellation cancellation, boolean mayBlock,
      @Nullable AttemptBudget attemptBudget) {
    this.model = model;
    this.mode = mode;
    this.request = request;
    this.cacheBreakpoints = cacheBreakpoints;
    this.cacheTools = cacheTools;
    this.attributes = attributes;
    this.cancellation = cancellation;
    this.mayBlock = mayBlock;
    this.attemptBudget = attemptBudget;
  }

  /** A new call; only a {@link Mode#COMPLETE} call may use a blocking exchange at the tail. */
  public static LlmCall start(ModelInfo model, Mode mode, ChatRequest request) {
    return start(model, mode, request, null);
  }

  /** A new call whose attempts draw from {@code budget} (shared with other calls, e.g. a routed call's fallbacks). */
  public static LlmCall start(ModelInfo model, Mode mode, ChatRequest request, @Nullable AttemptBudget budget) {
    return new LlmCall(Objects.requireNonNull(model, "model"), Objects.requireNonNull(mode, "mode"),
        Objects.requireNonNull(request, "request"), Set.of(), false, new AtomicReference<>(CallAttributes.EMPTY), Cancellation.create(),
        mode == Mode.COMPLETE, budget);
  }

  /** The attempt budget the call's retries draw from, or {@code null} when only {@code numRetries} bounds them. */
  public @Nullable AttemptBudget attemptBudget() {
    return attemptBudget;
  }

  public ChatRequest request() {
    return request;
  }

  public ModelInfo model() {
    return model;
  }

  public Mode mode() {
    return mode;
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  /** Message indexes after which the provider places a prompt-cache mark (set by the caching stage). */
  public Set<Integer> cacheBreakpoints() {
    return cacheBreakpoints;
  }

  /**
   * Whether the provider stage may block the calling thread (a sync call with nothing that needs to
   * interrupt the exchange from elsewhere): it saves a thread hand-off.
   */
  public boolean mayBlock() {
    return mayBlock;
  }

  public <T> Optional<T> attribute(CallAttributes.Key<T> key) {
    return attributes.get().get(key);
  }

  public <T> void setAttribute(CallAttributes.Key<T> key, T value) {
    Objects.requireNonNull(value, key.name());
    attributes.updateAndGet(a -> a.with(key, value));
  }

  /** Atomically replaces the attribute with {@code fn} of its current value ({@code null} when unset). */
  public <T> T updateAttribute(CallAttributes.Key<T> key, UnaryOperator<@Nullable T> fn) {
    CallAttributes updated = attributes.updateAndGet(
        a -> a.with(key, Objects.requireNonNull(fn.apply(a.get(key).orElse(null)), key.name())));
    return updated.get(key).orElseThrow();
  }

  /** The attributes recorded so far. */
  public CallAttributes attributes() {
    return attributes.get();
  }

  public LlmCall withRequest(ChatRequest newRequest) {
    return new LlmCall(model, mode, Objects.requireNonNull(newRequest, "request"), cacheBreakpoints, cacheTools, attributes,
        cancellation, mayBlock, attemptBudget);
  }

  public LlmCall withCacheBreakpoints(Set<Integer> breakpoints) {
    return new LlmCall(model, mode, request, Set.copyOf(breakpoints), cacheTools, attributes, cancellation, mayBlock, attemptBudget);
  }

  /** Whether the provider places a prompt-cache mark after the tool definitions (set by the caching stage). */
  public boolean cacheTools() {
    return cacheTools;
  }

  /** A copy with the prompt-cache marks: after these messages, and after the tools when {@code tools}. */
  public LlmCall withPromptCacheMarks(Set<Integer> breakpoints, boolean tools) {
    return new LlmCall(model, mode, request, Set.copyOf(breakpoints), tools, attributes, cancellation, mayBlock, attemptBudget);
  }

  public LlmCall withCancellation(Cancellation newCancellation) {
    return new LlmCall(model, mode, request, cacheBreakpoints, cacheTools, attributes,
        Objects.requireNonNull(newCancellation, "cancellation"), mayBlock, attemptBudget);
  }

  /** A copy whose provider exchange must not block, e.g. because a deadline may cancel it. */
  public LlmCall nonBlocking() {
    return mayBlock ? new LlmCall(model, mode, request, cacheBreakpoints, cacheTools, attributes, cancellation, false, attemptBudget) : this;
  }

  /** The request as the provider receives it. */
  public ProviderRequest providerRequest() {
    return new ProviderRequest(model, request, cacheBreakpoints, null, cacheTools);
  }

  @Override
  public String toString() {
    return "LlmCall[" + model.qualifiedName() + ", " + mode + ", " + request.messages().size() + " messages]";
  }
}
