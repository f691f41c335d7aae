package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Usage;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.cost.CostCalculator;
import dev.llmkit.core.cost.ModelPricing;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The most a call can cost, for budget reservations: a bound on its prompt tokens that no tokenizer
 * exceeds, the whole output allowance, and each token at the dearest price it could be charged
 * (prompt tokens as cache writes when those cost more, output as reasoning when that costs more).
 */
final class WorstCaseCost implements Function<LlmCall, Cost> {
  /** The output allowance when neither the request, the config nor the model gives one. */
  static final int DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

  private final CallPricer pricer;
  private final ModelInfo model;
  private final ToLongFunction<ChatRequest> promptBound;

  WorstCaseCost(CallPricer pricer, ModelInfo model, ToLongFunction<ChatRequest> promptBound) {
    this.pricer = pricer;
    this.model = model;
    this.promptBound = promptBound;
  }

  @Override
  public Cost apply(LlmCall call) {
    ModelPricing pricing = pricer.expectedPricing();
    if (pricing == null) {
      return Cost.ZERO;
    }
    long prompt = promptBound.applyAsLong(call.request());
    long output = outputAllowance(call.request());
    Cost plain = cost(new Usage(prompt, output, null, null, null), pricing);
    Cost asCacheWrites = cost(new Usage(prompt, output, null, prompt, null), pricing);
    Cost asReasoning = cost(new Usage(prompt, output, null, null, output), pricing);
    return max(plain, max(asCacheWrites, asReasoning));
  }

  private long outputAllowance(ChatRequest request) {
    if (request.maxOutputTokens() != null) {
      return request.maxOutputTokens();
    }
    return model.maxOutputTokens() != null ? model.maxOutputTokens() : DEFAULT_MAX_OUTPUT_TOKENS;
  }

  private static Cost cost(Usage usage, ModelPricing pricing) {
    Cost c = CostCalculator.cost(usage, pricing);
    return c == null ? Cost.ZERO : c;
  }

  private static Cost max(Cost a, Cost b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
