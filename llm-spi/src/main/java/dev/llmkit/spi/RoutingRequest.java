package dev.llmkit.spi;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a router decides on: the chat request, its input tokens as the host estimated them, the
 * conversation it belongs to (for sticky decisions), and the candidates in the user's order.
 *
 * @param estimatedInputTokens the prompt's tokens as counted (or estimated) by the host
 * @param conversationKey the conversation the call belongs to, or {@code null} when the caller gave none
 * @param candidates never empty; in the order of the routing config
 */
public record RoutingRequest(
    ChatRequest request, long estimatedInputTokens, @Nullable String conversationKey, List<RouteCandidate> candidates) {

  public RoutingRequest {
    Objects.requireNonNull(request, "request");
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates is empty");
    }
    if (estimatedInputTokens < 0) {
      throw new IllegalArgumentException("estimatedInputTokens < 0");
    }
  }

  public Optional<RouteCandidate> find(String name) {
    for (RouteCandidate c : candidates) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The candidate named {@code name}; a CONFIGURATION error naming the known ones when there is none. */
  public RouteCandidate candidate(String name) {
    return find(name).orElseThrow(() -> LlmException.builder(ErrorKind.CONFIGURATION,
        "unknown route candidate '" + name + "'; the candidates are " + names()).build());
  }

  public List<String> names() {
    return candidates.stream().map(RouteCandidate::name).toList();
  }
}
