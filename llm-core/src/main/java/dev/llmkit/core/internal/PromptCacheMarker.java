package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 3b: chooses where prompt-cache marks go, for models with explicit caching. As in OpenHands: the
 * (last) system prompt, which rarely changes, and the last two user or tool turns, so each agent step
 * reads the previous step's prefix from cache and writes its own. At most three marks, within
 * Anthropic's limit of four.
 */
public final class PromptCacheMarker {
  private static final int TRAILING_TURNS = 2;
  private final LlmConfig config;

  public PromptCacheMarker(LlmConfig config) {
    this.config = config;
  }

  public Set<Integer> breakpoints(ChatRequest request, ModelInfo model) {
    if (!config.cachingPrompt() || !model.features().promptCache()) {
      return Set.of();
    }
    Set<Integer> marks = new TreeSet<>();
    var messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof SystemMessage) {
        marks.add(i);
        break;
      }
    }
    int turns = 0;
    for (int i = messages.size() - 1; i >= 0 && turns < TRAILING_TURNS; i--) {
      Message m = messages.get(i);
      if (m instanceof UserMessage || m instanceof ToolMessage) {
        marks.add(i);
        turns++;
      }
    }
    return marks;
  }
}
