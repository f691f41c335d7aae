package dev.llmkit.core.fncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Checks the arguments of a tool call the model made: they must be a JSON object. Servers and models
 * sometimes send a truncated object ({@code {"city": "Par}) or one with a trailing comma; such text is
 * repaired when only one reading is possible (close the open string, drop a dangling comma, close the
 * open brackets), and anything else ({@code {"city": "Paris", oops}) is refused with a
 * {@link FunctionCallValidationException}, so that broken arguments are neither handed to the
 * application nor sent back to the provider on the next turn.
 */
public final class ToolArguments {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final int MAX_QUOTED = 200;

  private ToolArguments() {}

  /**
   * The call's arguments text, unchanged when it is a JSON object, repaired when that is unambiguous
   * (blank arguments become {@code {}}).
   *
   * @throws FunctionCallValidationException when the arguments are not a JSON object and cannot be repaired
   */
  public static String checked(ToolCall call, ModelInfo model) {
    String text = call.arguments();
    if (text.isBlank()) {
      return "{}";
    }
    JsonNode parsed = read(text);
    if (parsed != null) {
      if (!parsed.isObject()) {
        throw invalid(call, model, "are not a JSON object");
      }
      return text;
    }
    String repaired = repair(text);
    JsonNode fixed = repaired == null ? null : read(repaired);
    if (fixed == null || !fixed.isObject()) {
      throw invalid(call, model, "are not valid JSON and cannot be repaired unambiguously");
    }
    return repaired;
  }

  /** The arguments as a JSON object, after {@link #checked}. */
  static ObjectNode object(ToolCall call, ModelInfo model) {
    return (ObjectNode) read(checked(call, model));
  }

  private static @Nullable JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * {@code text} with trailing commas dropped and, when it ends early, its open string and brackets
   * closed; {@code null} when the text cannot be completed without guessing (it ends after a key's
   * colon, or a closing bracket does not match the open one).
   */
  static @Nullable String repair(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    Deque<Character> open = new ArrayDeque<>();
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> open.push(c);
        case '}', ']' -> {
          if (open.isEmpty() || open.pop() != (c == '}' ? '{' : '[')) {
            return null;
          }
          dropTrailingComma(out);
        }
        default -> { }
      }
      out.append(c);
    }
    if (inString) {
      if (escaped) {
        out.setLength(out.length() - 1); // a lone backslash: the escape never finished
      }
      out.append('"');
    }
    dropTrailingComma(out);
    String end = out.toString().stripTrailing();
    if (end.endsWith(":")) {
      return null; // a key without its value
    }
    out.setLength(end.length());
    while (!open.isEmpty()) {
      out.append(open.pop() == '{' ? '}' : ']');
    }
    return out.toString();
  }

  private static void dropTrailingComma(StringBuilder out) {
    int i = out.length() - 1;
    while (i >= 0 && Character.isWhitespace(out.charAt(i))) {
      i--;
    }
    if (i >= 0 && out.charAt(i) == ',') {
      out.setLength(i);
    }
  }

  private static LlmException invalid(ToolCall call, ModelInfo model, String problem) {
    String quoted = call.arguments().length() > MAX_QUOTED
        ? call.arguments().substring(0, MAX_QUOTED) + "... (" + call.arguments().length() + " chars)"
        : call.arguments();
    return LlmException.builder(ErrorKind.FUNCTION_CALL_VALIDATION,
            "the arguments of tool call '" + call.name() + "' (id " + call.id() + ") " + problem + ": " + quoted
                + "; a tool call's arguments must be a JSON object")
        .provider(model.provider()).model(model.name()).build();
  }
}
