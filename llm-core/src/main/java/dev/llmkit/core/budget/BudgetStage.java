package dev.llmkit.core.budget;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.spi.support.FailedPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline stage that holds calls to their {@link Budget}s: reserves the worst-case cost before
 * the call is sent (for a stream, when it is subscribed), refuses the call when a budget cannot take
 * it, and settles each reservation with the real cost however the call ends: answered, failed (with
 * the cost of a partial stream), cancelled or timed out.
 */
public final class BudgetStage implements LlmInterceptor {
  // Reservation ids unique across processes (for shared stores) without a random number per call.
  private static final String PROCESS = UUID.randomUUID() + "-";
  private static final AtomicLong RESERVATIONS = new AtomicLong();

  private final List<Budget> budgets;
  private final Function<LlmCall, Cost> worstCase;

  /** @param worstCase the most the call can cost ({@link Cost#ZERO} when its price is unknown) */
  public BudgetStage(List<Budget> budgets, Function<LlmCall, Cost> worstCase) {
    this.budgets = List.copyOf(budgets);
    this.worstCase = worstCase;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    Reservation reservation = reserve(chain.call());
    CompletableFuture<ChatResponse> settled = new CompletableFuture<>();
    chain.proceed(chain.call()).whenComplete((response, failure) -> {
      // Settled before the caller hears of the end, so a budget read right after shows the call.
      reservation.settle(response != null ? response.cost() : partialCost(failure));
      if (failure != null) {
        settled.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
      } else {
        settled.complete(response);
      }
    });
    return settled;
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    Flow.Publisher<ChatEvent> source = chain.proceedStream(call);
    return subscriber -> {
      Reservation reservation;
      try {
        reservation = reserve(call);
      } catch (LlmException refused) {
        FailedPublisher.<ChatEvent>of(refused).subscribe(subscriber);
        return;
      }
      EventStreams.observe(source, () -> new EventStreams.Observer() {
        @Override
        public ChatEvent onEvent(ChatEvent event) {
          if (event instanceof ChatEvent.Completed c) {
            reservation.settle(c.response().cost());
          }
          return event;
        }

        @Override
        public Throwable onError(Throwable error) {
          reservation.settle(partialCost(error));
          return error;
        }

        @Override
        public void onComplete() {
          reservation.settle(null); // ended without a final response: nothing known to settle
        }

        @Override
        public void onCancel() {
          reservation.settle(null);
        }
      }).subscribe(subscriber);
    };
  }

  /** Reserves in every budget, or in none: a refusal releases what the others already took. */
  private Reservation reserve(LlmCall call) {
    Cost amount = worstCase.apply(call);
    String id = PROCESS + RESERVATIONS.incrementAndGet();
    List<Budget> taken = new ArrayList<>(budgets.size());
    for (Budget budget : budgets) {
      if (!budget.tryReserve(id, amount)) {
        taken.forEach(b -> b.settle(id, Cost.ZERO));
        throw LlmException.builder(ErrorKind.BUDGET_EXCEEDED, "budget '" + budget.name() + "' cannot take a call to "
                + call.model().qualifiedName() + " that may cost up to " + amount + ": limit " + budget.limit() + ", spent "
                + budget.spent() + ", reserved by running calls " + budget.reserved()
                + "; raise the limit, lower maxOutputTokens, or shorten the prompt")
            .provider(call.model().provider()).model(call.model().name()).build();
      }
      taken.add(budget);
    }
    return new Reservation(id, taken);
  }

  private static @Nullable Cost partialCost(@Nullable Throwable failure) {
    return failure instanceof LlmException e ? e.partialResponse().map(ChatResponse::cost).orElse(null) : null;
  }

  @Override
  public String toString() {
    return "llmkit.budget" + budgets;
  }

  /** One call's reservations; settled once, whatever reports the end first. */
  private static final class Reservation {
    private final String id;
    private final List<Budget> budgets;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(String id, List<Budget> budgets) {
      this.id = id;
      this.budgets = budgets;
    }

    void settle(@Nullable Cost actual) {
      if (settled.compareAndSet(false, true)) {
        Cost spent = actual == null ? Cost.ZERO : actual;
        budgets.forEach(b -> b.settle(id, spent));
      }
    }
  }
}
