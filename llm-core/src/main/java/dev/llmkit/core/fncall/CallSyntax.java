package dev.llmkit.core.fncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a tool call the way a model without native tool calling is asked to write one, as OpenHands
 * does: {@code <function=NAME>}, one {@code <parameter=KEY>value</parameter>} line per argument (strings
 * as they are, lists and objects as JSON, other scalars as Python prints them) and {@code </function>}.
 */
final class CallSyntax {
  private CallSyntax() {}

  static String render(ToolCall call, ModelInfo model) {
    ObjectNode arguments = ToolArguments.object(call, model);
    StringBuilder sb = new StringBuilder("<function=").append(call.name()).append(">\n");
    Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      sb.append("<parameter=").append(field.getKey()).append('>')
          .append(value.isContainerNode() ? PythonText.dumps(value) : PythonText.str(value))
          .append("</parameter>\n");
    }
    return sb.append("</function>").toString();
  }
}
