package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules behind {@link MockResponder#demo()}. */
final class DemoResponder implements MockResponder {
  static final DemoResponder INSTANCE = new DemoResponder();
  private static final Pattern PLACE = Pattern.compile("\\b(?:in|for|at) ([A-Z][\\p{L}'-]*(?: [A-Z][\\p{L}'-]*)*)");
  private static final String DEFAULT_PLACE = "Paris";
  /** A tool described in the prompt, as llmkit's (and OpenHands') function-calling emulation writes it. */
  private static final Pattern PROMPT_TOOL = Pattern.compile("---- BEGIN FUNCTION #1: (\\S+) ----");
  private static final Pattern PROMPT_PARAMETER = Pattern.compile("^  \\(\\d+\\) (\\S+) \\(([^,)]+), required\\)", Pattern.MULTILINE);
  private static final Pattern EXECUTION_RESULT = Pattern.compile("\\AEXECUTION RESULT of \\[([^\\]]+)\\]:\\n(.*)\\z", Pattern.DOTALL);

  private DemoResponder() {}

  @Override
  public MockReply respond(RecordedRequest request) {
    Optional<Conversation.ToolResult> result = Conversation.trailingToolResult(request);
    if (result.isPresent()) {
      return wordByWord(MockReply.text("Here is what " + result.get().toolName() + " says: " + result.get().content()));
    }
    String question = Conversation.lastUserText(request);
    Matcher executed = EXECUTION_RESULT.matcher(question);
    if (executed.find()) {
      return wordByWord(MockReply.text("Here is what " + executed.group(1) + " says: " + executed.group(2)));
    }
    String system = request.view().system();
    Matcher promptTool = PROMPT_TOOL.matcher(system == null ? "" : system);
    if (promptTool.find()) {
      return MockReply.text(callInText(promptTool.group(1), system.substring(promptTool.end()), question));
    }
    List<WireView.Tool> tools = request.view().tools();
    if (!tools.isEmpty()) {
      WireView.Tool tool = tools.get(0);
      return MockReply.toolCall(tool.name(), Json.text(arguments(tool.parameters(), question)));
    }
    return wordByWord(MockResponder.echo().respond(request));
  }

  /**
   * A call in the text format of function-calling emulation, for a model without native tools: the
   * first tool the prompt describes, with its required parameters (a place where the name says so).
   */
  private static String callInText(String tool, String description, String question) {
    int end = description.indexOf("---- END FUNCTION");
    Matcher p = PROMPT_PARAMETER.matcher(end < 0 ? description : description.substring(0, end));
    StringBuilder call = new StringBuilder("<function=").append(tool).append(">\n");
    while (p.find()) {
      JsonNode value = valueFor(p.group(1), JsonNodeFactory.instance.objectNode().put("type", p.group(2)), question);
      call.append("<parameter=").append(p.group(1)).append('>').append(value.isTextual() ? value.asText() : value.toString())
          .append("</parameter>\n");
    }
    return call.append("</function>").toString();
  }

  /** Streams prose one word a chunk, which reads better in a demo than a few large pieces. */
  private static MockReply wordByWord(MockReply reply) {
    String text = reply.text() == null ? "" : reply.text();
    return reply.inChunks(Math.max(1, text.split("\\s+").length));
  }

  /** Arguments that satisfy the schema's required properties (all properties when none is required). */
  private static ObjectNode arguments(JsonNode schema, String question) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    JsonNode properties = schema.path("properties");
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      if (required.isEmpty() || required.contains(p.getKey())) {
        args.set(p.getKey(), valueFor(p.getKey(), p.getValue(), question));
      }
    }
    return args;
  }

  private static JsonNode valueFor(String name, JsonNode schema, String question) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
      return schema.path("enum").get(0);
    }
    String type = schema.path("type").asText("string");
    switch (type) {
      case "integer":
        return f.numberNode(1);
      case "number":
        return f.numberNode(1.0);
      case "boolean":
        return f.booleanNode(true);
      case "array":
        return f.arrayNode();
      case "object":
        return arguments(schema, question);
      default:
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("city") || lower.contains("location") || lower.contains("place")) {
          return f.textNode(place(question));
        }
        return f.textNode(question.isEmpty() ? "example" : question);
    }
  }

  private static String place(String question) {
    Matcher m = PLACE.matcher(question);
    return m.find() ? m.group(1) : DEFAULT_PLACE;
  }
}
