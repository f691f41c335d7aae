package dev.llmkit.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.Cost;
import dev.llmkit.api.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Golden figures, computed by hand from the catalog's per-million prices (shown in each comment), and
 * the arithmetic rules of {@link CostCalculator}.
 */
class CostCalculatorTest {
  private static final PriceCatalog CATALOG = PriceCatalog.bundled();

  private static ModelPricing pricing(String provider, String model) {
    return CATALOG.find(provider, model).orElseThrow(() -> new AssertionError("no entry for " + model)).pricing();
  }

  private static Cost cost(Usage usage, ModelPricing pricing) {
    Cost c = CostCalculator.cost(usage, pricing);
    assertThat(c).isNotNull();
    return c;
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Nested
  class Golden {
    @Test
    void openai_with_cached_input() {
      // gpt-4o: $2.50 input, $1.25 cached input, $10 output per million.
      // 6,000 uncached x 2.5/M = 0.015; 4,000 cached x 1.25/M = 0.005; 500 out x 10/M = 0.005
      Usage u = new Usage(10_000L, 500L, 4_000L, null, null);
      assertThat(cost(u, pricing("openai", "gpt-4o-2024-08-06"))).isEqualTo(Cost.usd("0.025"));
    }

    @Test
    void anthropic_with_cache_write_and_cache_read() {
      // claude-sonnet-4-5: $3 input, $3.75 5-minute cache write, $0.30 cache read, $15 output per million.
      // 3,000 x 3/M = 0.009; 12,000 x 0.3/M = 0.0036; 5,000 x 3.75/M = 0.01875; 1,000 x 15/M = 0.015
      Usage u = new Usage(20_000L, 1_000L, 12_000L, 5_000L, null);
      ModelPricing p = pricing("anthropic", "claude-sonnet-4-5-20250929");
      assertThat(p.cacheWrite1h()).isEqualByComparingTo("0.000006"); // 1-hour writes: 2x input
      assertThat(cost(u, p)).isEqualTo(Cost.usd("0.04635"));
    }

    @Test
    void anthropic_one_hour_cache_writes_are_charged_at_the_one_hour_price() {
      // claude-sonnet-4-5: of 5,000 cache writes, 2,000 with a 1-hour TTL at $6 per million (2x input).
      // 3,000 x 3/M = 0.009; 12,000 x 0.3/M = 0.0036; 3,000 x 3.75/M = 0.01125; 2,000 x 6/M = 0.012;
      // 1,000 x 15/M = 0.015
      Usage u = new Usage(20_000L, 1_000L, 12_000L, 5_000L, null, 2_000L);
      assertThat(cost(u, pricing("anthropic", "claude-sonnet-4-5-20250929"))).isEqualTo(Cost.usd("0.05085"));
    }

    @Test
    void a_model_without_a_one_hour_price_charges_those_writes_at_its_cache_write_price() {
      ModelPricing p = new ModelPricing(d("0.000003"), d("0.000015"), d("0.0000003"), d("0.00000375"), null, null,
          List.of());
      Usage oneHour = new Usage(20_000L, 1_000L, 12_000L, 5_000L, null, 2_000L);
      Usage unsplit = new Usage(20_000L, 1_000L, 12_000L, 5_000L, null);

      assertThat(cost(oneHour, p)).isEqualTo(cost(unsplit, p)).isEqualTo(Cost.usd("0.04635"));
    }

    @Test
    void gemini_long_context_tier_above_200k_prices_the_whole_request() {
      // gemini-2.5-pro: $1.25 / $0.125 cached / $10 out per million up to 200k prompt tokens;
      // above: $2.50 / $0.25 / $15 for every token of the call.
      ModelPricing p = pricing("gemini", "gemini-2.5-pro");
      // 200,000 uncached x 2.5/M = 0.5; 50,000 cached x 0.25/M = 0.0125; 2,000 out x 15/M = 0.03
      assertThat(cost(new Usage(250_000L, 2_000L, 50_000L, null, null), p)).isEqualTo(Cost.usd("0.5425"));
      // exactly 200,000 is not above: 200,000 x 1.25/M = 0.25; 2,000 x 10/M = 0.02
      assertThat(cost(Usage.of(200_000, 2_000), p)).isEqualTo(Cost.usd("0.27"));
      // one more token crosses: 200,001 x 2.5/M = 0.5000025; 2,000 x 15/M = 0.03
      assertThat(cost(Usage.of(200_001, 2_000), p)).isEqualTo(Cost.usd("0.5300025"));
    }

    @Test
    void openai_long_context_tier_above_272k() {
      // gpt-5.4: $2.50 / $15 per million, above 272k prompt tokens $5 / $22.50.
      // 300,000 x 5/M = 1.5; 10,000 x 22.5/M = 0.225
      assertThat(cost(Usage.of(300_000, 10_000), pricing("openai", "gpt-5.4"))).isEqualTo(Cost.usd("1.725"));
    }

    @Test
    void reasoning_priced_separately() {
      // perplexity sonar-deep-research: $2 input, $8 output, $3 reasoning per million.
      // 1,000 x 2/M = 0.002; (5,000 - 4,000) x 8/M = 0.008; 4,000 x 3/M = 0.012
      ModelPricing p = pricing("perplexity", "sonar-deep-research");
      assertThat(p.reasoningOutput()).isEqualByComparingTo("0.000003");
      assertThat(cost(new Usage(1_000L, 5_000L, null, null, 4_000L), p)).isEqualTo(Cost.usd("0.022"));
    }

    @Test
    void reasoning_within_output_when_not_priced_separately() {
      // o3: $2 input, $0.50 cached, $8 output per million; reasoning tokens are output tokens.
      // 1,000 x 2/M = 0.002; 3,000 x 8/M = 0.024
      assertThat(cost(new Usage(1_000L, 3_000L, null, null, 2_500L), pricing("openai", "o3"))).isEqualTo(Cost.usd("0.026"));
    }

    @Test
    void deepseek_with_cache_hits() {
      // deepseek-chat (standard hours): $0.27 input, $0.07 cache hit, $1.10 output per million.
      // 20,000 x 0.27/M = 0.0054; 80,000 x 0.07/M = 0.0056; 2,000 x 1.1/M = 0.0022
      Usage u = new Usage(100_000L, 2_000L, 80_000L, null, null);
      assertThat(cost(u, pricing("deepseek", "deepseek-chat"))).isEqualTo(Cost.usd("0.0132"));
    }

    @Test
    void bedrock_claude_in_region() {
      // Bedrock in-region claude-sonnet-4-5: $3.30 input, $16.50 output per million (10% over global).
      // 10,000 x 3.3/M = 0.033; 1,000 x 16.5/M = 0.0165
      ModelPricing p = pricing("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
      assertThat(cost(Usage.of(10_000, 1_000), p)).isEqualTo(Cost.usd("0.0495"));
    }
  }

  @Nested
  class Arithmetic {
    private final ModelPricing simple = ModelPricing.of(d("0.000001"), d("0.000002"));

    @Test
    void cost_is_unknown_when_neither_input_nor_output_is_known() {
      assertThat(CostCalculator.cost(Usage.UNKNOWN, simple)).isNull();
      assertThat(CostCalculator.cost(new Usage(null, null, 10L, 10L, 10L), simple)).isNull();
    }

    @Test
    void an_unknown_count_counts_as_zero() {
      assertThat(cost(new Usage(null, 1_000L, null, null, null), simple)).isEqualTo(Cost.usd("0.002"));
      assertThat(cost(new Usage(1_000L, null, null, null, null), simple)).isEqualTo(Cost.usd("0.001"));
      assertThat(cost(Usage.ZERO, simple)).isEqualTo(Cost.ZERO);
    }

    @Test
    void cache_prices_fall_back_to_the_input_price() {
      // everything at 1/M: 1,000 prompt tokens whatever their kind, 100 output x 2/M
      assertThat(cost(new Usage(1_000L, 100L, 300L, 200L, null), simple)).isEqualTo(Cost.usd("0.0012"));
    }

    @Test
    void uncached_input_never_goes_below_zero() {
      ModelPricing p = new ModelPricing(d("0.000001"), d("0.000002"), d("0.0000001"), d("0.000005"), null, null, List.of());
      // inconsistent counts (cache larger than the prompt): cache charged, no negative remainder
      // 600 x 0.1/M = 0.00006; 600 x 5/M = 0.003
      assertThat(cost(new Usage(1_000L, 0L, 600L, 600L, null), p)).isEqualTo(Cost.usd("0.00306"));
    }

    @Test
    void exact_without_rounding() {
      ModelPricing p = ModelPricing.of(d("0.000000135"), d("0.0000000001"));
      assertThat(cost(Usage.of(7, 3), p).usd()).isEqualByComparingTo("0.0000009453");
      assertThat(cost(Usage.of(7, 3), p).usd().toPlainString()).isEqualTo("0.0000009453");
    }

    @Test
    void the_highest_whole_request_tier_below_the_prompt_applies() {
      ModelPricing p = simple.withTiers(List.of(
          new PriceTier(256_000, true, ModelPricing.of(d("0.000004"), d("0.000008"))),
          new PriceTier(128_000, true, ModelPricing.of(d("0.000003"), d("0.000006")))));
      assertThat(p.tiers()).extracting(PriceTier::aboveInputTokens).containsExactly(128_000L, 256_000L);
      assertThat(cost(Usage.of(100_000, 0), p)).isEqualTo(Cost.usd("0.1"));
      assertThat(cost(Usage.of(200_000, 1_000), p)).isEqualTo(Cost.usd("0.606"));
      assertThat(cost(Usage.of(300_000, 1_000), p)).isEqualTo(Cost.usd("1.208"));
    }

    @Test
    void an_incremental_tier_prices_only_the_prompt_tokens_above_it() {
      ModelPricing p = simple.withTiers(List.of(new PriceTier(1_000, false, ModelPricing.of(d("0.00001"), d("0.00009")))));
      // 1,000 x 1/M + 500 x 10/M = 0.001 + 0.005; output stays at 2/M: 100 x 2/M = 0.0002
      assertThat(cost(Usage.of(1_500, 100), p)).isEqualTo(Cost.usd("0.0062"));
      // cached prefix first: 800 cache reads (at input, no cache price) + 700 uncached of which 500 above
      assertThat(cost(new Usage(1_500L, 0L, 800L, null, null), p)).isEqualTo(Cost.usd("0.006"));
    }

    @Test
    void an_incremental_tier_above_a_whole_request_tier() {
      ModelPricing whole = ModelPricing.of(d("0.000002"), d("0.000004"));
      ModelPricing band = ModelPricing.of(d("0.00001"), d("0.1"));
      ModelPricing p = simple.withTiers(List.of(new PriceTier(100, true, whole), new PriceTier(1_000, false, band)));
      // 1,000 x 2/M + 200 x 10/M = 0.002 + 0.002; 10 out x 4/M = 0.00004
      assertThat(cost(Usage.of(1_200, 10), p)).isEqualTo(Cost.usd("0.00404"));
    }

    @Test
    void prices_are_validated() {
      assertThatThrownBy(() -> ModelPricing.of(d("-0.1"), d("1"))).hasMessageContaining("input");
      assertThatThrownBy(() -> new ModelPricing(d("1"), d("1"), d("-1"), null, null, null, List.of()))
          .hasMessageContaining("cacheRead");
      assertThatThrownBy(() -> simple.withTiers(List.of(new PriceTier(5, true, simple), new PriceTier(5, false, simple))))
          .hasMessageContaining("two tiers");
      assertThatThrownBy(() -> new PriceTier(-1, true, simple)).hasMessageContaining("aboveInputTokens");
      ModelPricing tiered = simple.withTiers(List.of(new PriceTier(5, true, simple)));
      assertThatThrownBy(() -> new PriceTier(10, true, tiered)).hasMessageContaining("no tiers");
    }
  }

  @Nested
  class Local {
    @Test
    void local_providers_cost_nothing_by_rule() {
      assertThat(CostCalculator.isLocal("ollama", null)).isTrue();
      assertThat(CostCalculator.isLocal("ollama-openai", "https://gpu.example.com")).isTrue();
      assertThat(CostCalculator.isLocal("vllm", null)).isTrue();
      assertThat(CostCalculator.isLocal("LMStudio", null)).isTrue();
    }

    @Test
    void a_loopback_base_url_is_local() {
      assertThat(CostCalculator.isLocal("openai", "http://localhost:8080/v1")).isTrue();
      assertThat(CostCalculator.isLocal("openai", "http://LOCALHOST")).isTrue();
      assertThat(CostCalculator.isLocal("openai", "http://127.0.0.1:11434/v1")).isTrue();
      assertThat(CostCalculator.isLocal("openai", "http://127.1.2.3/v1")).isTrue();
      assertThat(CostCalculator.isLocal("openai", "http://[::1]:1234/v1")).isTrue();
      assertThat(CostCalculator.isLocal("openai", "localhost:11434")).isTrue();
      assertThat(CostCalculator.isLocal("anthropic", "http://api.localhost:9000")).isTrue();
    }

    @Test
    void a_remote_or_missing_base_url_is_not() {
      assertThat(CostCalculator.isLocal("openai", null)).isFalse();
      assertThat(CostCalculator.isLocal("openai", "")).isFalse();
      assertThat(CostCalculator.isLocal("openai", "https://api.openai.com/v1")).isFalse();
      assertThat(CostCalculator.isLocal("openai", "http://localhost.example.com/v1")).isFalse();
      assertThat(CostCalculator.isLocal("openai", "http://127.0.0.1.example.com/v1")).isFalse();
      assertThat(CostCalculator.isLocal("openai", "http://10.0.0.5:8000/v1")).isFalse();
      assertThat(CostCalculator.isLocal("openai", "not a url at all")).isFalse();
      assertThat(CostCalculator.isLocal("openrouter", "https://openrouter.ai/api/v1")).isFalse();
    }
  }
}
