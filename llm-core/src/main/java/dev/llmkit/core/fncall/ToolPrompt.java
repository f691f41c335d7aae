package dev.llmkit.core.fncall;

import java.util.List;

/**
 * The text that tells a model without native tool calling which tools it has and how to call them,
 * word for word as the OpenHands converter writes it: a {@code ---- BEGIN FUNCTION #i: name ----} block
 * per tool, then the {@code <function=...>} reply format and its rules, appended to the system prompt.
 */
final class ToolPrompt {
  /** What stops the model right after it has written a call (the closing {@code >} is added back when parsing). */
  static final String STOP_WORD = "</function";

  private static final String SUFFIX_BEFORE = "\nYou have access to the following functions:\n\n";
  private static final String SUFFIX_AFTER = """


      If you choose to call a function ONLY reply in the following format with NO suffix:

      <function=example_function_name>
      <parameter=example_parameter_1>value_1</parameter>
      <parameter=example_parameter_2>
      This is the value for the second parameter
      that can span
      multiple lines
      </parameter>
      </function>

      <IMPORTANT>
      Reminder:
      - Function calls MUST follow the specified format, start with <function= and end with </function>
      - Required parameters MUST be specified
      - Only call one function at a time
      - You may provide optional reasoning for your function call in natural language BEFORE the function call, but NOT after.
      - If there is no function call available, answer the question like normal with your current knowledge and do not tell the user about function calls
      </IMPORTANT>
      """;

  private ToolPrompt() {}

  /** What is appended to the system prompt: the tool descriptions inside the reply-format instructions. */
  static String systemPromptSuffix(List<ToolSchema> tools) {
    return SUFFIX_BEFORE + describe(tools) + SUFFIX_AFTER;
  }

  /** The {@code ---- BEGIN FUNCTION ----} blocks of {@code tools}. */
  static String describe(List<ToolSchema> tools) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tools.size(); i++) {
      ToolSchema tool = tools.get(i);
      if (i > 0) {
        sb.append('\n');
      }
      sb.append("---- BEGIN FUNCTION #").append(i + 1).append(": ").append(tool.name()).append(" ----\n");
      sb.append("Description: ").append(tool.description()).append('\n');
      if (tool.declaresParameters()) {
        sb.append("Parameters:\n");
        for (int j = 0; j < tool.parameters().size(); j++) {
          ToolSchema.Parameter p = tool.parameters().get(j);
          sb.append("  (").append(j + 1).append(") ").append(p.name()).append(" (").append(p.declaredType())
              .append(", ").append(tool.required().contains(p.name()) ? "required" : "optional").append("): ")
              .append(description(p)).append('\n');
        }
      } else {
        sb.append("No parameters are required for this function.\n");
      }
      sb.append("---- END FUNCTION #").append(i + 1).append(" ----\n");
    }
    return sb.toString();
  }

  private static String description(ToolSchema.Parameter p) {
    String text = p.description() != null ? p.description() : "No description provided";
    if (p.enumValues() == null) {
      return text;
    }
    StringBuilder values = new StringBuilder();
    for (Object v : p.enumValues()) {
      values.append(values.length() > 0 ? ", " : "").append('`').append(PythonText.strOf(v)).append('`');
    }
    return text + "\nAllowed values: [" + values + "]";
  }
}
