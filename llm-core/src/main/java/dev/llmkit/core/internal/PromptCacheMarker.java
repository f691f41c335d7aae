package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.PromptCachePolicy;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 4: chooses where prompt-cache marks go, for models with explicit caching, as
 * {@link LlmConfig#promptCachePolicy()} says. As in OpenHands: the (last) system prompt, which rarely
 * changes; the tool definitions; and the last two user or tool turns, so each agent step reads the
 * previous step's prefix from cache and writes its own. At most four marks, Anthropic's limit. Models
 * with automatic caching (OpenAI) get none and still report their cached tokens.
 */
public final class PromptCacheMarker {
  /** The most marks a provider takes (Anthropic's limit). */
  static final int MAX_MARKS = 4;
  private static final int TRAILING_TURNS = 2;
  private final PromptCachePolicy policy;

  public PromptCacheMarker(LlmConfig config) {
    this.policy = config.promptCachePolicy();
  }

  /** Where the marks go. */
  public record Marks(Set<Integer> messages, boolean tools) {
    static final Marks NONE = new Marks(Set.of(), false);
  }

  /** The marks for a request; none when the policy is NONE or the model has no explicit caching. */
  public Marks marks(ChatRequest request, ModelInfo model) {
    if (policy == PromptCachePolicy.NONE || !model.features().promptCache()) {
      return Marks.NONE;
    }
    Set<Integer> marks = new TreeSet<>();
    var messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof SystemMessage) {
        marks.add(i);
        break;
      }
    }
    boolean tools = policy != PromptCachePolicy.SYSTEM && !request.tools().isEmpty();
    if (policy == PromptCachePolicy.CONVERSATION) {
      int room = MAX_MARKS - marks.size() - (tools ? 1 : 0);
      int turns = 0;
      for (int i = messages.size() - 1; i >= 0 && turns < Math.min(TRAILING_TURNS, room); i--) {
        Message m = messages.get(i);
        if (m instanceof UserMessage || m instanceof ToolMessage) {
          marks.add(i);
          turns++;
        }
      }
    }
    return new Marks(marks, tools);
  }

  /** The message marks alone (the form before tools could be marked). */
  public Set<Integer> breakpoints(ChatRequest request, ModelInfo model) {
    return marks(request, model).messages();
  }
}
