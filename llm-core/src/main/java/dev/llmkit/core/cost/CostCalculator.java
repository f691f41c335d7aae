package dev.llmkit.core.cost;

import dev.llmkit.api.Cost;
import dev.llmkit.api.Usage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cost of a call from its token counts and the model's prices, exact ({@link BigDecimal}, no
 * rounding), and the rule that local models cost nothing.
 */
public final class CostCalculator {
  private static final Set<String> LOCAL_PROVIDERS = Set.of("ollama", "ollama-openai", "vllm", "lmstudio");

  private CostCalculator() {}

  /**
   * What a call cost, or {@code null} when neither its input nor its output token count is known.
   * Another unknown count counts as 0.
   *
   * <p>The prompt ({@link Usage#inputTokens()}, which includes cache reads and writes) is split into
   * cache reads at {@link ModelPricing#cacheRead()}, cache writes at {@link ModelPricing#cacheWrite()}
   * (those written for an hour, {@link Usage#cacheWrite1hTokens()}, at {@link ModelPricing#cacheWrite1h()})
   * (each at the input price when the model has none) and the rest, never below zero, at
   * {@link ModelPricing#input()}. Output tokens are charged at {@link ModelPricing#output()}, except
   * that when the model prices reasoning apart ({@link ModelPricing#reasoningOutput()}), the
   * reasoning tokens among them are charged at that price.
   *
   * <p>Tiers are chosen by the prompt size: those whose {@link PriceTier#aboveInputTokens()} is below
   * it apply. A {@linkplain PriceTier#wholeRequest() whole-request} tier prices every token of the
   * call (the highest such tier wins), which is what the public price tables and the bundled catalog
   * mean. A tier that is not whole-request prices only the prompt tokens beyond its threshold, the
   * prompt read as cache reads first, then cache writes, then uncached tokens (the order a cached
   * prefix has); output tokens stay at the prices below such tiers.
   */
  public static @Nullable Cost cost(Usage usage, ModelPricing pricing) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(pricing, "pricing");
    if (usage.inputTokens() == null && usage.outputTokens() == null) {
      return null;
    }
    long input = orZero(usage.inputTokens());
    long output = orZero(usage.outputTokens());
    long cacheRead = orZero(usage.cacheReadTokens());
    long cacheWrite = orZero(usage.cacheWriteTokens());
    long cacheWrite1h = Math.min(cacheWrite, orZero(usage.cacheWrite1hTokens()));
    long reasoning = orZero(usage.reasoningTokens());

    ModelPricing flat = pricing;
    List<PriceTier> bands = new ArrayList<>();
    for (PriceTier tier : pricing.tiers()) { // ascending
      if (tier.aboveInputTokens() >= input) {
        break;
      }
      if (tier.wholeRequest()) {
        flat = tier.pricing();
        bands.clear();
      } else {
        bands.add(tier);
      }
    }

    BigDecimal total = outputCost(output, reasoning, flat);
    long uncached = Math.max(0, input - cacheRead - cacheWrite);
    total = total.add(promptCost(0, cacheRead, Kind.CACHE_READ, flat, bands));
    total = total.add(promptCost(cacheRead, cacheWrite - cacheWrite1h, Kind.CACHE_WRITE, flat, bands));
    total = total.add(promptCost(cacheRead + cacheWrite - cacheWrite1h, cacheWrite1h, Kind.CACHE_WRITE_1H, flat, bands));
    total = total.add(promptCost(cacheRead + cacheWrite, uncached, Kind.UNCACHED, flat, bands));
    return new Cost(total);
  }

  private enum Kind { CACHE_READ, CACHE_WRITE, CACHE_WRITE_1H, UNCACHED }

  private static BigDecimal outputCost(long output, long reasoning, ModelPricing p) {
    @Nullable BigDecimal reasoningPrice = p.reasoningOutput();
    if (reasoningPrice == null) {
      return times(output, p.output());
    }
    long rest = Math.max(0, output - reasoning);
    return times(rest, p.output()).add(times(reasoning, reasoningPrice));
  }

  /** Prompt tokens at positions [start, start + count) of one kind, each band at its price. */
  private static BigDecimal promptCost(long start, long count, Kind kind, ModelPricing flat, List<PriceTier> bands) {
    if (count == 0) {
      return BigDecimal.ZERO;
    }
    long end = start + count;
    BigDecimal sum = BigDecimal.ZERO;
    long from = 0;
    ModelPricing at = flat;
    for (int i = 0; i <= bands.size(); i++) {
      long to = i < bands.size() ? bands.get(i).aboveInputTokens() : Long.MAX_VALUE;
      long overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) {
        sum = sum.add(times(overlap, price(at, kind)));
      }
      if (i < bands.size()) {
        from = to;
        at = bands.get(i).pricing();
      }
    }
    return sum;
  }

  private static BigDecimal price(ModelPricing p, Kind kind) {
    switch (kind) {
      case CACHE_READ:
        return p.cacheRead() != null ? p.cacheRead() : p.input();
      case CACHE_WRITE:
        return p.cacheWrite() != null ? p.cacheWrite() : p.input();
      case CACHE_WRITE_1H: // a model without its own 1-hour price is charged the 5-minute one
        return p.cacheWrite1h() != null ? p.cacheWrite1h() : p.cacheWrite() != null ? p.cacheWrite() : p.input();
      default:
        return p.input();
    }
  }

  private static BigDecimal times(long tokens, BigDecimal price) {
    return tokens == 0 ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(tokens));
  }

  private static long orZero(@Nullable Long n) {
    return n == null ? 0 : n;
  }

  /**
   * Whether calls cost nothing by rule: a local provider ({@code ollama}, {@code ollama-openai},
   * {@code vllm}, {@code lmstudio}), or a base URL whose host is this machine ({@code localhost} or a
   * name under it, {@code 127.0.0.0/8}, {@code ::1}, {@code 0.0.0.0}).
   */
  public static boolean isLocal(String provider, @Nullable String baseUrl) {
    Objects.requireNonNull(provider, "provider");
    if (LOCAL_PROVIDERS.contains(provider.trim().toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      return false;
    }
    @Nullable String host = host(baseUrl.trim());
    return host != null && isLoopback(host);
  }

  private static @Nullable String host(String url) {
    String u = url.contains("://") ? url : "http://" + url;
    try {
      @Nullable String h = new URI(u).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("0.0.0.0")) {
      return true;
    }
    if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.startsWith("::ffff:127.")) {
      return true;
    }
    if (h.startsWith("127.")) {
      String[] parts = h.split("\\.", -1);
      if (parts.length != 4) {
        return false;
      }
      for (String part : parts) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
            || Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
