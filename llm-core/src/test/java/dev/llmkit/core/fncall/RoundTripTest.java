package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Writing a call into a reply ({@link CallSyntax}) and reading it back ({@link FunctionCallParser})
 * gives the same call, for many generated tools and arguments: every JSON Schema type, enums, required
 * and optional parameters, multi-line and odd strings.
 */
class RoundTripTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] TYPES = {"string", "integer", "number", "boolean", "array", "object"};
  private static final String CHARS = "abcXYZ 019_-./:\"'\\{}[]=,\n\t é漢😀";

  @Test
  void a_rendered_call_parses_back_to_itself() throws Exception {
    Random random = new Random(20261130L);
    for (int round = 0; round < 2_000; round++) {
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      ObjectNode arguments = F.objectNode();
      int count = random.nextInt(6);
      for (int i = 0; i < count; i++) {
        String name = "p" + i + (random.nextBoolean() ? "_x" : "");
        String type = TYPES[random.nextInt(TYPES.length)];
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        JsonNode value = value(type, random);
        if (type.equals("string") && random.nextInt(4) == 0) {
          property.put("enum", List.of(value.textValue(), "other"));
        }
        properties.put(name, property);
        if (random.nextBoolean()) {
          required.add(name);
          arguments.set(name, value);
        } else if (random.nextBoolean()) {
          arguments.set(name, value);
        }
      }
      ToolSpec tool = ToolSpec.of("tool_" + round, "d", Map.of("type", "object", "properties", properties, "required", required));
      ToolCall call = new ToolCall("toolu_01", tool.name(), PythonText.dumps(arguments));
      String reply = (random.nextBoolean() ? "Thinking about it.\n\n" : "") + CallSyntax.render(call, OpenHandsGolden.MODEL);
      // As the model's reply arrives: cut at the stop word, or not.
      String arrived = random.nextBoolean() ? reply.substring(0, reply.length() - "</function>".length()) : reply;

      FunctionCallParser.Parsed parsed = new FunctionCallParser(List.of(ToolSchema.of(tool)), OpenHandsGolden.MODEL)
          .parse(arrived, "toolu_01");

      assertThat(parsed).as(reply).isNotNull();
      assertThat(parsed.call()).as(reply).isEqualTo(call);
      assertThat(ToolArguments.JSON.readTree(parsed.call().arguments()).toString())
          .isEqualTo(arguments.toString());
    }
  }

  private static JsonNode value(String type, Random random) {
    return switch (type) {
      case "integer" -> F.numberNode(random.nextInt(2_000_001) - 1_000_000L);
      case "number" -> F.numberNode((random.nextInt(20_001) - 10_000) / 64.0);
      case "boolean" -> F.booleanNode(random.nextBoolean());
      case "array" -> {
        ArrayNode array = F.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(random.nextBoolean() ? F.textNode(text(random)) : F.numberNode(random.nextInt(100)));
        }
        yield array;
      }
      case "object" -> F.objectNode().put("k", text(random)).set("n", F.arrayNode().add(random.nextBoolean()));
      default -> F.textNode(text(random));
    };
  }

  /** Text a model might put in a string parameter; never containing the closing tag itself. */
  private static String text(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      int at = random.nextInt(CHARS.length());
      sb.append(Character.isHighSurrogate(CHARS.charAt(at)) ? CHARS.substring(at, at + 2) : String.valueOf(CHARS.charAt(at)));
    }
    return sb.toString().replace("<", "");
  }
}
