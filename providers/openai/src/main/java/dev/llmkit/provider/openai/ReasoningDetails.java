package dev.llmkit.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantBlock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenRouter's (and MiniMax's) {@code reasoning_details}: structured reasoning entries
 * ({@code reasoning.text}, {@code reasoning.summary}, {@code reasoning.encrypted}) with signatures, which
 * the server wants back unchanged on the next turn to continue the model's reasoning. Kept as one opaque
 * block of type {@value #TYPE} holding the array. A stream sends the entries in fragments keyed by their
 * {@code index}: text fields are concatenated, other fields take the latest value. Not thread-safe.
 */
final class ReasoningDetails {
  static final String TYPE = "reasoning_details";
  private static final List<String> JOINED = List.of("text", "summary", "data");

  private final List<ObjectNode> entries = new ArrayList<>();

  /** Adds the entries (or fragments of entries) of one message or delta. */
  void add(@Nullable JsonNode details) {
    if (details == null || !details.isArray()) {
      return;
    }
    for (JsonNode entry : details) {
      if (entry.isObject()) {
        merge((ObjectNode) entry);
      }
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The opaque block of {@code provider} holding the entries, as an array. */
  AssistantBlock.Opaque block(String provider) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    entries.forEach(array::add);
    return new AssistantBlock.Opaque(provider, TYPE, array.toString());
  }

  private void merge(ObjectNode fragment) {
    ObjectNode same = sameEntry(fragment);
    if (same == null) {
      entries.add(fragment.deepCopy());
      return;
    }
    fragment.fields().forEachRemaining(field -> {
      JsonNode had = same.get(field.getKey());
      if (JOINED.contains(field.getKey()) && field.getValue().isTextual() && had != null && had.isTextual()) {
        same.put(field.getKey(), had.asText() + field.getValue().asText());
      } else if (!field.getValue().isNull() || had == null) {
        same.set(field.getKey(), field.getValue());
      }
    });
  }

  /** The entry a fragment continues: the one with its {@code index}, or none when it has no index. */
  private @Nullable ObjectNode sameEntry(ObjectNode fragment) {
    JsonNode index = fragment.get("index");
    if (index == null || !index.isIntegralNumber()) {
      return null;
    }
    for (ObjectNode entry : entries) {
      if (index.equals(entry.get("index")) && (!fragment.has("type") || fragment.get("type").equals(entry.get("type")))) {
        return entry;
      }
    }
    return null;
  }
}
