package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the conversation part of a Messages request: the top-level {@code system} and the
 * {@code messages} array. Roles must alternate on the wire, so consecutive messages of one wire role
 * are merged (tool results are user-role {@code tool_result} blocks and go first in their user turn).
 * Prompt-cache marks go on the last block of each marked message, at most {@value #MAX_CACHE_MARKS}.
 */
final class ConversationWriter {
  /** The API rejects a request with more than four {@code cache_control} blocks. */
  static final int MAX_CACHE_MARKS = 4;

  private static final System.Logger LOG = System.getLogger(ConversationWriter.class.getName());

  private final ObjectMapper mapper;

  ConversationWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Sets {@code system} (when there is one) and {@code messages} on {@code body}. */
  void write(ObjectNode body, List<Message> messages, Set<Integer> cacheBreakpoints, @Nullable String cacheTtl) {
    write(body, messages, cacheBreakpoints, cacheTtl, MAX_CACHE_MARKS);
  }

  /** As above, with at most {@code maxMarks} marks (fewer when the tools carry one). */
  void write(ObjectNode body, List<Message> messages, Set<Integer> cacheBreakpoints, @Nullable String cacheTtl,
      int maxMarks) {
    List<ObjectNode> systemBlocks = new ArrayList<>();
    List<ObjectNode> systemMarks = new ArrayList<>();
    List<ObjectNode> messageMarks = new ArrayList<>();
    List<Turn> turns = new ArrayList<>();
    List<String> problems = new ArrayList<>();

    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      boolean marked = cacheBreakpoints.contains(i);
      if (message instanceof UserMessage u && u.content().stream().anyMatch(p -> p instanceof ContentPart.Text t && t.text().isBlank())) {
        problems.add("messages[" + i + "] has an empty text part; Anthropic rejects empty text blocks: remove it or give it text");
      }
      if (message instanceof SystemMessage s) {
        if (s.text().isBlank()) {
          continue;
        }
        ObjectNode block = textBlock(s.text());
        systemBlocks.add(block);
        if (marked) {
          systemMarks.add(block);
        }
        continue;
      }
      String role = message instanceof AssistantMessage ? "assistant" : "user";
      List<ObjectNode> blocks = blocks(message);
      if (blocks.isEmpty()) {
        continue; // e.g. an assistant turn with neither text nor calls: nothing to send
      }
      Turn turn = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (turn == null || !turn.role.equals(role)) {
        turn = new Turn(role);
        turns.add(turn);
      }
      for (ObjectNode block : blocks) {
        turn.add(block);
      }
      ObjectNode last = blocks.get(blocks.size() - 1);
      if (marked && cacheable(last)) {
        messageMarks.add(last);
      }
    }

    if (turns.isEmpty()) {
      problems.add("messages has no user message" + (systemBlocks.isEmpty() ? "" : ", only a system prompt")
          + "; Anthropic needs at least one user message, e.g. Message.user(\"Hello\")");
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }

    // Prompt order is tools, system, messages: keep the last four marks in that order.
    List<ObjectNode> marks = new ArrayList<>(systemMarks);
    marks.addAll(messageMarks);
    for (ObjectNode block : marks.subList(Math.max(0, marks.size() - maxMarks), marks.size())) {
      ObjectNode cacheControl = block.putObject("cache_control").put("type", "ephemeral");
      if (cacheTtl != null) {
        cacheControl.put("ttl", cacheTtl);
      }
    }

    writeSystem(body, systemBlocks);
    ArrayNode wire = body.putArray("messages");
    for (Turn turn : turns) {
      ObjectNode m = wire.addObject();
      m.put("role", turn.role);
      ArrayNode content = m.putArray("content");
      turn.blocks.forEach(content::add);
    }
  }

  private void writeSystem(ObjectNode body, List<ObjectNode> systemBlocks) {
    if (systemBlocks.isEmpty()) {
      return;
    }
    boolean anyMark = systemBlocks.stream().anyMatch(b -> b.has("cache_control"));
    if (anyMark) {
      ArrayNode system = body.putArray("system");
      systemBlocks.forEach(system::add);
      return;
    }
    StringBuilder text = new StringBuilder();
    for (ObjectNode block : systemBlocks) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(block.get("text").asText());
    }
    body.put("system", text.toString());
  }

  private List<ObjectNode> blocks(Message message) {
    List<ObjectNode> out = new ArrayList<>();
    if (message instanceof UserMessage u) {
      for (ContentPart part : u.content()) {
        out.add(userBlock(part));
      }
    } else if (message instanceof ToolMessage t) {
      ObjectNode block = mapper.createObjectNode();
      block.put("type", "tool_result");
      block.put("tool_use_id", t.toolCallId());
      writeToolResultContent(block, t);
      if (t.isError()) {
        block.put("is_error", true);
      }
      out.add(block);
    } else if (message instanceof AssistantMessage a) {
      assistantBlocks(a, out);
    }
    return out;
  }

  /**
   * A text result as a string, as always; a result with images as text and image blocks (empty text
   * parts left out: the API rejects empty text blocks).
   */
  private void writeToolResultContent(ObjectNode block, ToolMessage t) {
    if (!t.hasImages()) {
      block.put("content", t.text());
      return;
    }
    ArrayNode content = block.putArray("content");
    for (ContentPart part : t.parts()) {
      if (!(part instanceof ContentPart.Text text && text.text().isEmpty())) {
        content.add(userBlock(part));
      }
    }
  }

  /**
   * The turn's blocks in the order they came. Anthropic checks the previous turns' thinking signatures
   * and rejects a turn whose thinking was reordered or whose redacted blocks were removed, so everything it
   * produced goes back verbatim; dropped are only blocks it cannot accept: unsigned reasoning (from another
   * provider, or hand-made), empty text, and opaque blocks of another provider.
   */
  private void assistantBlocks(AssistantMessage a, List<ObjectNode> out) {
    List<String> dropped = new ArrayList<>();
    for (AssistantBlock b : a.blocks()) {
      if (b instanceof Reasoning r) {
        if (r.isRedacted()) {
          ObjectNode block = mapper.createObjectNode();
          block.put("type", "redacted_thinking");
          block.put("data", r.redactedData());
          out.add(block);
        } else if (r.signature() != null) {
          ObjectNode block = mapper.createObjectNode();
          block.put("type", "thinking");
          block.put("thinking", r.text());
          block.put("signature", r.signature());
          out.add(block);
        } else {
          dropped.add("unsigned reasoning");
        }
      } else if (b instanceof AssistantBlock.Text t) {
        if (t.text().isEmpty()) {
          dropped.add("empty text");
        } else {
          ObjectNode block = textBlock(t.text());
          String citations = t.providerMetadata().get(AnthropicProviderFactory.CITATIONS);
          JsonNode parsed = citations == null ? null : parsedOrNull(citations);
          if (parsed != null && parsed.isArray()) {
            block.set("citations", parsed);
          }
          out.add(block);
        }
      } else if (b instanceof ToolCall call) {
        ObjectNode block = mapper.createObjectNode();
        block.put("type", "tool_use");
        block.put("id", call.id());
        block.put("name", call.name());
        block.set("input", toolInput(call));
        out.add(block);
      } else if (b instanceof AssistantBlock.Opaque o) {
        JsonNode verbatim = AnthropicProviderFactory.ID.equals(o.provider()) ? parsedOrNull(o.json()) : null;
        if (!(verbatim instanceof ObjectNode)) {
          dropped.add(o.provider() + " " + o.type());
        } else {
          out.add((ObjectNode) verbatim);
        }
      }
    }
    if (!dropped.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "anthropic: an assistant turn is sent without blocks the API would reject: "
          + String.join(", ", dropped));
    }
  }

  private @Nullable JsonNode parsedOrNull(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private JsonNode toolInput(ToolCall call) {
    String args = call.arguments();
    if (args.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode input = mapper.readTree(args);
      if (input != null && input.isObject()) {
        return input;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new InvalidRequestException(List.of(
        "tool call '" + call.id() + "' (" + call.name() + ") has arguments that are not a JSON object;"
            + " Anthropic needs tool_use input as an object"));
  }

  private ObjectNode userBlock(ContentPart part) {
    if (part instanceof ContentPart.Text t) {
      return textBlock(t.text());
    }
    if (part instanceof ContentPart.Image image) {
      ObjectNode block = mapper.createObjectNode();
      block.put("type", "image");
      ObjectNode source = block.putObject("source");
      String url = image.url();
      if (url != null && url.startsWith("data:") && url.contains(";base64,")) {
        // A data: URL is inline bytes; Anthropic takes those only as a base64 source.
        int comma = url.indexOf(";base64,");
        source.put("type", "base64");
        source.put("media_type", url.substring("data:".length(), comma));
        source.put("data", url.substring(comma + ";base64,".length()));
      } else if (url != null) {
        source.put("type", "url");
        source.put("url", url);
      } else {
        source.put("type", "base64");
        source.put("media_type", image.mediaType());
        source.put("data", image.base64Data());
      }
      return block;
    }
    ContentPart.Document doc = (ContentPart.Document) part;
    ObjectNode block = mapper.createObjectNode();
    block.put("type", "document");
    ObjectNode source = block.putObject("source");
    if ("text/plain".equals(doc.mediaType())) {
      // Plain text documents go as a text source; the base64 source takes PDFs only.
      source.put("type", "text");
      source.put("media_type", "text/plain");
      source.put("data", new String(Base64.getDecoder().decode(doc.base64Data()), StandardCharsets.UTF_8));
    } else {
      source.put("type", "base64");
      source.put("media_type", doc.mediaType());
      source.put("data", doc.base64Data());
    }
    if (doc.title() != null) {
      block.put("title", doc.title());
    }
    return block;
  }

  private ObjectNode textBlock(String text) {
    ObjectNode block = mapper.createObjectNode();
    block.put("type", "text");
    block.put("text", text);
    return block;
  }

  /** Thinking blocks cannot carry {@code cache_control}. */
  private static boolean cacheable(ObjectNode block) {
    String type = block.path("type").asText();
    return !"thinking".equals(type) && !"redacted_thinking".equals(type);
  }

  /** One wire message being assembled; tool results stay ahead of other blocks, as the API requires. */
  private static final class Turn {
    final String role;
    final List<ObjectNode> blocks = new ArrayList<>();
    private int leadingToolResults;

    Turn(String role) {
      this.role = role;
    }

    void add(ObjectNode block) {
      if ("tool_result".equals(block.path("type").asText())) {
        blocks.add(leadingToolResults++, block);
      } else {
        blocks.add(block);
      }
    }
  }
}
