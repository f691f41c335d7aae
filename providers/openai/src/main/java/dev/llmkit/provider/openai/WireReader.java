package dev.llmkit.provider.openai;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Chat Completions response or stream chunk into the {@link Wire} shapes with Jackson's
 * streaming parser, field by field, skipping every field it does not know.
 *
 * <p>Why by hand: data binding built a bean deserializer for each shape on first use (about 50 ms
 * and over a hundred classes on the first call of a JVM) and resolved each field through it on
 * every chunk; these shapes are few and small. The leniency of Jackson's defaults is kept, since
 * servers differ: a number or boolean where text is expected is read as its text, a whole number
 * sent as a string is read as the number, a fraction where a whole number is expected is
 * truncated, and {@code null} (also {@code ""} for a number) is as if the field were absent. A
 * {@code null} element of an array is skipped. A value of the wrong shape (an object where text is
 * expected, a string where an object is) is an {@link IOException}, as a malformed document is.
 */
final class WireReader {
  private WireReader() {}

  static Wire.Completion completion(byte[] body) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      return root(p);
    }
  }

  static Wire.Completion completion(String chunk) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(chunk)) {
      return root(p);
    }
  }

  private static Wire.Completion root(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, "a JSON object");
    }
    return completion(p);
  }

  private static Wire.Completion completion(JsonParser p) throws IOException {
    Wire.Completion c = new Wire.Completion();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "id" -> c.id = text(p);
        case "model" -> c.model = text(p);
        case "choices" -> c.choices = list(p, WireReader::choice);
        case "usage" -> c.usage = usage(p);
        case "error" -> c.error = tree(p);
        case "x_groq" -> c.xGroq = xGroq(p);
        default -> p.skipChildren();
      }
    }
    return c;
  }

  private static Wire.@Nullable Choice choice(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.Choice c = new Wire.Choice();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "index" -> c.index = integer(p);
        case "message" -> c.message = delta(p);
        case "delta" -> c.delta = delta(p);
        case "finish_reason" -> c.finishReason = text(p);
        default -> p.skipChildren();
      }
    }
    return c;
  }

  private static Wire.@Nullable Delta delta(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.Delta d = new Wire.Delta();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "content" -> d.content = tree(p);
        case "refusal" -> d.refusal = text(p);
        case "reasoning_content" -> d.reasoningContent = text(p);
        case "reasoning" -> d.reasoning = tree(p);
        case "tool_calls" -> d.toolCalls = list(p, WireReader::toolCall);
        case "reasoning_details" -> d.reasoningDetails = tree(p);
        default -> p.skipChildren();
      }
    }
    return d;
  }

  private static Wire.@Nullable WireToolCall toolCall(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.WireToolCall t = new Wire.WireToolCall();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "index" -> t.index = integer(p);
        case "id" -> t.id = text(p);
        case "function" -> t.function = function(p);
        default -> p.skipChildren();
      }
    }
    return t;
  }

  private static Wire.@Nullable Function function(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.Function f = new Wire.Function();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "name" -> f.name = text(p);
        case "arguments" -> f.arguments = text(p);
        default -> p.skipChildren();
      }
    }
    return f;
  }

  private static Wire.@Nullable WireUsage usage(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.WireUsage u = new Wire.WireUsage();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "prompt_tokens" -> u.promptTokens = whole(p);
        case "completion_tokens" -> u.completionTokens = whole(p);
        case "prompt_tokens_details" -> u.promptTokensDetails = promptDetails(p);
        case "completion_tokens_details" -> u.completionTokensDetails = completionDetails(p);
        case "prompt_cache_hit_tokens" -> u.promptCacheHitTokens = whole(p);
        case "cost" -> u.cost = decimal(p);
        default -> p.skipChildren();
      }
    }
    return u;
  }

  private static Wire.@Nullable PromptDetails promptDetails(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.PromptDetails d = new Wire.PromptDetails();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      switch (field) {
        case "cached_tokens" -> d.cachedTokens = whole(p);
        case "cache_write_tokens" -> d.cacheWriteTokens = whole(p);
        default -> p.skipChildren();
      }
    }
    return d;
  }

  private static Wire.@Nullable CompletionDetails completionDetails(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.CompletionDetails d = new Wire.CompletionDetails();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      if (field.equals("reasoning_tokens")) {
        d.reasoningTokens = whole(p);
      } else {
        p.skipChildren();
      }
    }
    return d;
  }

  private static Wire.@Nullable XGroq xGroq(JsonParser p) throws IOException {
    if (!object(p)) {
      return null;
    }
    Wire.XGroq x = new Wire.XGroq();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      if (field.equals("usage")) {
        x.usage = usage(p);
      } else {
        p.skipChildren();
      }
    }
    return x;
  }

  // ------------------------------------------------------------------------------------------------
  // values

  /** Whether an object starts here; {@code false} for {@code null}. */
  private static boolean object(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw mismatch(p, "an object");
  }

  @FunctionalInterface
  private interface Element<T> {
    @Nullable T read(JsonParser p) throws IOException;
  }

  private static <T> @Nullable List<T> list(JsonParser p, Element<T> element) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw mismatch(p, "an array");
    }
    List<T> list = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      @Nullable T e = element.read(p);
      if (e != null) {
        list.add(e);
      }
    }
    return list;
  }

  private static @Nullable String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isScalarValue()) {
      return p.getText(); // a number or boolean: its JSON text, as Jackson coerces it
    }
    throw mismatch(p, "text");
  }

  /** A value whose type varies between servers, as a tree; a string, the common case, without the tree reader. */
  private static JsonNode tree(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return TextNode.valueOf(p.getText());
    }
    if (t == JsonToken.VALUE_NULL) {
      return NullNode.getInstance();
    }
    return Json.MAPPER.readTree(p);
  }

  private static @Nullable Integer integer(JsonParser p) throws IOException {
    @Nullable Long n = whole(p);
    if (n == null) {
      return null;
    }
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw mismatch(p, "a whole number within the int range");
    }
    return n.intValue();
  }

  private static @Nullable Long whole(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return decimalToWhole(p, p.getDecimalValue());
      case VALUE_NULL:
        return null;
      case VALUE_STRING: {
        String s = p.getText().trim();
        if (s.isEmpty()) {
          return null;
        }
        try {
          return decimalToWhole(p, new BigDecimal(s));
        } catch (NumberFormatException e) {
          throw mismatch(p, "a whole number");
        }
      }
      default:
        throw mismatch(p, "a whole number");
    }
  }

  private static long decimalToWhole(JsonParser p, BigDecimal d) throws IOException {
    try {
      return d.toBigInteger().longValueExact();
    } catch (ArithmeticException e) {
      throw mismatch(p, "a whole number within the long range");
    }
  }

  private static @Nullable BigDecimal decimal(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_NULL:
        return null;
      case VALUE_STRING: {
        String s = p.getText().trim();
        if (s.isEmpty()) {
          return null;
        }
        try {
          return new BigDecimal(s);
        } catch (NumberFormatException e) {
          throw mismatch(p, "a number");
        }
      }
      default:
        throw mismatch(p, "a number");
    }
  }

  private static IOException mismatch(JsonParser p, String expected) {
    @Nullable String field;
    try {
      field = p.currentName();
    } catch (IOException e) {
      field = null;
    }
    return new JsonParseException(p, (field != null ? "field \"" + field + "\": " : "") + "expected " + expected
        + ", got " + p.currentToken());
  }
}
