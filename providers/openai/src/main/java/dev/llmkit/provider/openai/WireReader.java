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
import java.util.function.Supplier;
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
    p.nextToken();
    Wire.@Nullable Completion c = completion(p);
    if (c == null) {
      throw mismatch(p, "a JSON object");
    }
    return c;
  }

  private static Wire.@Nullable Completion completion(JsonParser p) throws IOException {
    return object(p, Wire.Completion::new, (c, field, q) -> {
      switch (field) {
        case "id" -> c.id = text(q);
        case "model" -> c.model = text(q);
        case "choices" -> c.choices = list(q, WireReader::choice);
        case "usage" -> c.usage = usage(q);
        case "error" -> c.error = tree(q);
        case "x_groq" -> c.xGroq = object(q, Wire.XGroq::new, (x, f, r) -> {
          if (f.equals("usage")) {
            x.usage = usage(r);
          } else {
            r.skipChildren();
          }
        });
        default -> q.skipChildren();
      }
    });
  }

  private static Wire.@Nullable Choice choice(JsonParser p) throws IOException {
    return object(p, Wire.Choice::new, (c, field, q) -> {
      switch (field) {
        case "index" -> c.index = integer(q);
        case "message" -> c.message = delta(q);
        case "delta" -> c.delta = delta(q);
        case "finish_reason" -> c.finishReason = text(q);
        default -> q.skipChildren();
      }
    });
  }

  private static Wire.@Nullable Delta delta(JsonParser p) throws IOException {
    return object(p, Wire.Delta::new, (d, field, q) -> {
      switch (field) {
        case "content" -> d.content = tree(q);
        case "refusal" -> d.refusal = text(q);
        case "reasoning_content" -> d.reasoningContent = text(q);
        case "reasoning" -> d.reasoning = tree(q);
        case "tool_calls" -> d.toolCalls = list(q, WireReader::toolCall);
        case "reasoning_details" -> d.reasoningDetails = tree(q);
        default -> q.skipChildren();
      }
    });
  }

  private static Wire.@Nullable WireToolCall toolCall(JsonParser p) throws IOException {
    return object(p, Wire.WireToolCall::new, (t, field, q) -> {
      switch (field) {
        case "index" -> t.index = integer(q);
        case "id" -> t.id = text(q);
        case "function" -> t.function = object(q, Wire.Function::new, (f, name, r) -> {
          switch (name) {
            case "name" -> f.name = text(r);
            case "arguments" -> f.arguments = text(r);
            default -> r.skipChildren();
          }
        });
        default -> q.skipChildren();
      }
    });
  }

  private static Wire.@Nullable WireUsage usage(JsonParser p) throws IOException {
    return object(p, Wire.WireUsage::new, (u, field, q) -> {
      switch (field) {
        case "prompt_tokens" -> u.promptTokens = whole(q);
        case "completion_tokens" -> u.completionTokens = whole(q);
        case "prompt_tokens_details" -> u.promptTokensDetails = object(q, Wire.PromptDetails::new, (d, f, r) -> {
          switch (f) {
            case "cached_tokens" -> d.cachedTokens = whole(r);
            case "cache_write_tokens" -> d.cacheWriteTokens = whole(r);
            default -> r.skipChildren();
          }
        });
        case "completion_tokens_details" -> u.completionTokensDetails = object(q, Wire.CompletionDetails::new, (d, f, r) -> {
          if (f.equals("reasoning_tokens")) {
            d.reasoningTokens = whole(r);
          } else {
            r.skipChildren();
          }
        });
        case "prompt_cache_hit_tokens" -> u.promptCacheHitTokens = whole(q);
        case "cost" -> u.cost = decimal(q);
        default -> q.skipChildren();
      }
    });
  }

  /** Reads one field's value (the parser is at it) into {@code target}; a field it does not know it skips. */
  @FunctionalInterface
  private interface FieldReader<T> {
    void read(T target, String field, JsonParser p) throws IOException;
  }

  /** An object of the fields {@code fields} reads, or {@code null} for JSON {@code null}. */
  private static <T> @Nullable T object(JsonParser p, Supplier<T> make, FieldReader<T> fields) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw mismatch(p, "an object");
    }
    T target = make.get();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      fields.read(target, field, p);
    }
    return target;
  }

  // ------------------------------------------------------------------------------------------------
  // values

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
