package dev.llmkit.core;

import dev.llmkit.api.LlmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cancel signal of one call, shared by every stage it passes through. Cancelling the future of
 * {@code completeAsync} cancels it, and the provider stage aborts the HTTP exchange on it. A stage
 * that must stop part of a call without stopping the caller's call (a deadline cancelling the
 * attempts below it) hands a {@link #child()} down the chain instead, and may say why
 * ({@link #cancel(LlmException)}): the stages below then report that error (a timeout, say) instead of a
 * plain cancellation. Thread-safe.
 */
public final class Cancellation {
  private @Nullable List<Runnable> hooks; // guarded by this; made on the first hook, as most calls have none
  private boolean cancelled; // guarded by this
  private @Nullable LlmException reason; // guarded by this

  private Cancellation() {}

  public static Cancellation create() {
    return new Cancellation();
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Why this was cancelled, when whoever cancelled it said so (e.g. the deadline's timeout error). */
  public synchronized Optional<LlmException> reason() {
    return Optional.ofNullable(reason);
  }

  /** Runs {@code hook} when this is cancelled, or at once when it already is. */
  public void onCancel(Runnable hook) {
    synchronized (this) {
      if (!cancelled) {
        if (hooks == null) {
          hooks = new ArrayList<>(2);
        }
        hooks.add(hook);
        return;
      }
    }
    hook.run();
  }

  /** A cancellation that is cancelled with this one (keeping its reason) and can also be cancelled alone. */
  public Cancellation child() {
    Cancellation child = new Cancellation();
    onCancel(() -> child.cancel(reason().orElse(null)));
    return child;
  }

  /** Cancels, running each hook once on this thread; later calls do nothing. */
  public void cancel() {
    cancel(null);
  }

  /**
   * Cancels with {@code why} as the error the stages below report for it (a plain cancellation when
   * {@code null}), running each hook once on this thread; later calls do nothing.
   */
  public void cancel(@Nullable LlmException why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      reason = why;
      toRun = hooks == null ? List.of() : hooks;
      hooks = null;
    }
    toRun.forEach(Runnable::run);
  }
}
