package dev.llmkit.core.fncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tool call back out of the reply of a model without native tool calling, as the OpenHands
 * converter does: a missing {@code </function>} (the stop word cut it off) is put back, a malformed
 * {@code <parameter=k=v</parameter>} is read as {@code <parameter=k>v</parameter>}, and the call is
 * checked against the tool's schema (known function, declared parameters, each value converted to its
 * type, allowed values, required parameters), failing with a {@link FunctionCallValidationException}
 * in OpenHands' words. The text before the call is the assistant's content; text after it is dropped.
 */
final class FunctionCallParser {
  private static final String OPEN = "<function=";
  private static final Pattern CALL = Pattern.compile("<function=([^>]+)>\n(.*?)</function>", Pattern.DOTALL);
  private static final Pattern PARAMETER = Pattern.compile("<parameter=([^>]+)>(.*?)</parameter>", Pattern.DOTALL);
  private static final Pattern MALFORMED_PARAMETER = Pattern.compile("<parameter=([a-zA-Z0-9_]+)=([^<]*)</parameter>");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(_\\d+)*");

  /** A reply that holds a call: the text before it ({@code null} when there is none) and the call. */
  record Parsed(@Nullable String content, ToolCall call) {}

  private final List<ToolSchema> tools;
  private final ModelInfo model;

  FunctionCallParser(List<ToolSchema> tools, ModelInfo model) {
    this.tools = List.copyOf(tools);
    this.model = model;
  }

  /**
   * The call in {@code reply}, with {@code callId} as its id; {@code null} when the reply holds no
   * complete call (it is then plain text).
   *
   * @throws FunctionCallValidationException when the call does not match its tool
   */
  @Nullable Parsed parse(String reply, String callId) {
    String text = withClosingTag(reply);
    Matcher m = CALL.matcher(text);
    if (!m.find()) {
      return null;
    }
    String name = m.group(1);
    ToolSchema tool = tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> invalid(
        "Function '" + name + "' not found in available tools: "
            + PythonText.repr(tools.stream().map(ToolSchema::name).toList())));
    ObjectNode arguments = arguments(tool, MALFORMED_PARAMETER.matcher(m.group(2)).replaceAll("<parameter=$1>$2</parameter>"));
    String content = text.substring(0, text.indexOf(OPEN)).strip();
    return new Parsed(content.isEmpty() ? null : content,
        new ToolCall(callId, name, PythonText.dumps(arguments)));
  }

  /** OpenHands' repair for a model that stopped at (or before) the stop word: one call, its end tag added. */
  static String withClosingTag(String reply) {
    int first = reply.indexOf(OPEN);
    if (first < 0 || reply.indexOf(OPEN, first + 1) >= 0) {
      return reply;
    }
    return reply.endsWith("</") ? reply.stripTrailing() + "function>" : reply + "\n</function>";
  }

  private ObjectNode arguments(ToolSchema tool, String body) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    Set<String> found = new LinkedHashSet<>();
    Matcher m = PARAMETER.matcher(body);
    while (m.find()) {
      String name = m.group(1);
      ToolSchema.Parameter declared = tool.parameter(name);
      if (declared == null && !tool.parameters().isEmpty()) {
        throw invalid("Parameter '" + name + "' is not allowed for function '" + tool.name() + "'. "
            + "Allowed parameters: " + PythonText.setRepr(tool.parameterNames()));
      }
      JsonNode value = declared == null ? JsonNodeFactory.instance.textNode(m.group(2)) : convert(declared, m.group(2));
      if (declared != null && declared.enumValues() != null && !allowed(value, declared.enumValues())) {
        throw invalid("Parameter '" + name + "' is expected to be one of " + PythonText.repr(declared.enumValues()) + ".");
      }
      arguments.set(name, value);
      found.add(name);
    }
    Set<String> missing = new LinkedHashSet<>(tool.required());
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw invalid("Missing required parameters for function '" + tool.name() + "': " + PythonText.setRepr(missing));
    }
    return arguments;
  }

  /** The text of a parameter as a value of its declared type. */
  private JsonNode convert(ToolSchema.Parameter p, String raw) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String trimmed = raw.strip();
    switch (p.type()) {
      case "integer" -> {
        if (!INTEGER.matcher(trimmed).matches()) {
          throw expected(p, "an integer");
        }
        return f.numberNode(new BigInteger(trimmed.replace("_", "").replaceFirst("^\\+", "")));
      }
      case "number" -> {
        JsonNode n = json(trimmed);
        if (n == null || !n.isNumber()) {
          throw expected(p, "a number");
        }
        return n;
      }
      case "boolean" -> {
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
          return f.booleanNode(trimmed.equalsIgnoreCase("true"));
        }
        throw expected(p, "a boolean");
      }
      case "array" -> {
        JsonNode n = json(trimmed);
        if (n == null || !n.isArray()) {
          throw expected(p, "an array");
        }
        return n;
      }
      case "object" -> {
        JsonNode n = json(trimmed);
        if (n == null || !n.isObject()) {
          throw expected(p, "an object");
        }
        return n;
      }
      default -> {
        return f.textNode(raw); // strings keep their text as written, newlines included
      }
    }
  }

  private static @Nullable JsonNode json(String text) {
    try {
      return ToolArguments.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean allowed(JsonNode value, List<@Nullable Object> values) {
    for (Object allowed : values) {
      if (value.isTextual() && value.textValue().equals(allowed)) {
        return true;
      }
      if (value.isNumber() && allowed instanceof Number n
          && new BigDecimal(n.toString()).compareTo(value.decimalValue()) == 0) {
        return true;
      }
      if (value.isBoolean() && Objects.equals(allowed, value.booleanValue())) {
        return true;
      }
    }
    return false;
  }

  private LlmException expected(ToolSchema.Parameter p, String what) {
    return invalid("Parameter '" + p.name() + "' is expected to be " + what + ".");
  }

  private LlmException invalid(String message) {
    return LlmException.builder(ErrorKind.FUNCTION_CALL_VALIDATION, message)
        .provider(model.provider()).model(model.name()).build();
  }
}
