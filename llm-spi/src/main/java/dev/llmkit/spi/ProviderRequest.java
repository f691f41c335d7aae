package dev.llmkit.spi;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ModelInfo;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request as the engine hands it to a provider: the resolved model and a chat request that is
 * already validated and formatted for it (config defaults applied, unsupported parts removed).
 *
 * @param cacheBreakpoints indexes into {@code chat.messages()} after which the provider should place a
 *     prompt-cache mark (at most 4, chosen by the engine's caching stage); empty when caching is off
 * @param cacheTtl the cache lifetime to ask for ({@code "5m"}, {@code "1h"}), or {@code null} for the default
 * @param cacheTools whether the provider should place a prompt-cache mark after the tool definitions (on
 *     the last one); it counts against the same limit as the message marks
 */
public record ProviderRequest(
    ModelInfo model, ChatRequest chat, Set<Integer> cacheBreakpoints, @Nullable String cacheTtl, boolean cacheTools) {

  public ProviderRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chat, "chat");
    cacheBreakpoints = Set.copyOf(cacheBreakpoints);
  }

  /** A request without a cache mark on the tools (the form before {@code cacheTools} existed). */
  public ProviderRequest(ModelInfo model, ChatRequest chat, Set<Integer> cacheBreakpoints, @Nullable String cacheTtl) {
    this(model, chat, cacheBreakpoints, cacheTtl, false);
  }

  public static ProviderRequest of(ModelInfo model, ChatRequest chat) {
    return new ProviderRequest(model, chat, Set.of(), null, false);
  }

  public ProviderRequest withChat(ChatRequest newChat) {
    return new ProviderRequest(model, newChat, cacheBreakpoints, cacheTtl, cacheTools);
  }
}
