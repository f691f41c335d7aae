package dev.llmkit.core;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cancel signal of one call, shared by every stage it passes through. Cancelling the future of
 * {@code completeAsync} cancels it, and the provider stage aborts the HTTP exchange on it. A stage
 * that must stop part of a call without stopping the caller's call (a deadline cancelling one attempt)
 * hands a {@link #child()} down the chain instead. Thread-safe.
 */
public final class Cancellation {
  private @Nullable List<Runnable> hooks; // guarded by this; made on the first hook, as most calls have none
  private boolean cancelled; // guarded by this

  private Cancellation() {}

  public static Cancellation create() {
    return new Cancellation();
  }

  public synchronized boolean isCancelled() {
    return cancelled;
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

  /** A cancellation that is cancelled with this one and can also be cancelled alone. */
  public Cancellation child() {
    Cancellation child = new Cancellation();
    onCancel(child::cancel);
    return child;
  }

  /** Cancels, running each hook once on this thread; later calls do nothing. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = hooks == null ? List.of() : hooks;
      hooks = null;
    }
    toRun.forEach(Runnable::run);
  }
}
