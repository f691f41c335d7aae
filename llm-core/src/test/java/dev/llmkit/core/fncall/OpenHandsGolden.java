package dev.llmkit.core.fncall;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenHands fixtures and the converter's output on them (see src/test/resources/fncall/README.md). */
final class OpenHandsGolden {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelInfo MODEL = new ModelInfo("fake", "plain-model", ModelFeatures.of(ModelFeature.STOP_WORDS), 100_000, 4_096);

  private OpenHandsGolden() {}

  static String text(String name) {
    try (InputStream in = OpenHandsGolden.class.getResourceAsStream("/fncall/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource fncall/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return JSON.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** OpenHands' FNCALL_TOOLS: execute_bash, finish (no parameters), str_replace_editor. */
  static List<ToolSpec> tools() {
    List<ToolSpec> tools = new ArrayList<>();
    for (JsonNode tool : json("openhands-tools.json")) {
      JsonNode fn = tool.path("function");
      Map<String, Object> parameters = fn.has("parameters")
          ? JSON.convertValue(fn.get("parameters"), new TypeReference<LinkedHashMap<String, Object>>() {})
          : Map.of();
      tools.add(ToolSpec.of(fn.path("name").asText(), fn.path("description").asText(), parameters));
    }
    return tools;
  }

  static List<ToolSchema> schemas() {
    return tools().stream().map(ToolSchema::of).toList();
  }

  /** OpenHands' FNCALL_MESSAGES as llmkit messages. */
  static List<Message> fncallMessages() {
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : json("fncall-messages.json")) {
      String text = m.path("content").get(0).path("text").asText();
      switch (m.path("role").asText()) {
        case "system" -> messages.add(Message.system(text));
        case "user" -> messages.add(Message.user(text));
        case "assistant" -> {
          List<ToolCall> calls = new ArrayList<>();
          for (JsonNode c : m.path("tool_calls")) {
            calls.add(new ToolCall(c.path("id").asText(), c.path("function").path("name").asText(),
                c.path("function").path("arguments").asText()));
          }
          messages.add(new AssistantMessage(text, calls, List.of()));
        }
        case "tool" -> messages.add(new ToolMessage(m.path("tool_call_id").asText(), m.path("name").asText(), text, false));
        default -> throw new IllegalStateException(m.toString());
      }
    }
    return messages;
  }

  /** The text of each message of OpenHands' conversion of FNCALL_MESSAGES, and its role. */
  static List<String[]> nonFncallMessages() {
    List<String[]> out = new ArrayList<>();
    for (JsonNode m : json("non-fncall-messages.json")) {
      out.add(new String[] {m.path("role").asText(), m.path("content").get(0).path("text").asText()});
    }
    return out;
  }
}
