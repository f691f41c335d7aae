package dev.llmkit.core.fncall;

import dev.llmkit.api.ModelInfo;
import java.util.Locale;

/**
 * Settings of the function-calling emulation.
 *
 * @param inContextExample whether the first user message is wrapped in OpenHands' worked example of the
 *     {@code <function=...>} syntax (only when the request offers one of the OpenHands agent tools it
 *     shows: {@code execute_bash}, {@code str_replace_editor}, {@code edit_file}, {@code browser},
 *     {@code finish})
 */
public record FunctionCallingOptions(boolean inContextExample) {

  /**
   * OpenHands' choice for {@code model}: the example for every model except those trained on the
   * format ({@code openhands-lm}, {@code devstral}), which do not need it.
   */
  public static FunctionCallingOptions forModel(ModelInfo model) {
    String name = model.qualifiedName().toLowerCase(Locale.ROOT);
    return new FunctionCallingOptions(!name.contains("openhands-lm") && !name.contains("devstral"));
  }
}
