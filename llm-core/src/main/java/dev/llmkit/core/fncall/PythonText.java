package dev.llmkit.core.fncall;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Values written the way Python writes them, because the OpenHands converter builds its prompt text and
 * error messages with {@code json.dumps}, {@code str()} and {@code repr()}, and a conversation must read
 * the same whichever of the two produced it: {@code json.dumps} with its default {@code ", "} and
 * {@code ": "} separators and ASCII escapes, {@code str()} of a scalar ({@code True}, {@code None},
 * {@code 1e-05}), and {@code repr()} of lists and sets in error messages ({@code ['a', 'b']}).
 */
final class PythonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonText() {}

  /** {@code json.dumps(node)}. */
  static String dumps(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    dump(node, sb);
    return sb.toString();
  }

  private static void dump(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        jsonString(field.getKey(), sb);
        sb.append(": ");
        dump(field.getValue(), sb);
        if (fields.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        dump(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isTextual()) {
      jsonString(node.textValue(), sb);
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue() ? "true" : "false");
    } else if (node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else {
      sb.append(floatRepr(node.doubleValue()));
    }
  }

  /** A JSON string as {@code json.dumps} writes it with {@code ensure_ascii}: every character outside space..~ escaped. */
  private static void jsonString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            sb.append(c);
          } else {
            sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          }
        }
      }
    }
    sb.append('"');
  }

  /** {@code str(value)} of a parsed JSON value: strings as they are, containers as {@code json.dumps}. */
  static String str(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    if (value.isNull()) {
      return "None";
    }
    if (value.isFloatingPointNumber() || (value.isNumber() && !value.isIntegralNumber())) {
      return floatRepr(value.doubleValue());
    }
    return dumps(value);
  }

  /** {@code str()} of a plain value (string, number, boolean, null, list or map). */
  static String strOf(@Nullable Object value) {
    return value instanceof String s ? s : repr(value);
  }

  /** {@code repr()} of a plain value (string, number, boolean, null, list, set or map), for error messages. */
  static String repr(@Nullable Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String s) {
      return stringRepr(s);
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return floatRepr(((Number) value).doubleValue());
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(repr(k)).append(": ").append(repr(v)));
      return sb.append('}').toString();
    }
    if (value instanceof Collection<?> c) {
      return join(c, "[", "]");
    }
    return stringRepr(value.toString());
  }

  /** {@code repr()} of a Python set holding {@code items}, in their given order ({@code set()} when empty). */
  static String setRepr(Collection<?> items) {
    return items.isEmpty() ? "set()" : join(items, "{", "}");
  }

  private static String join(Collection<?> items, String open, String close) {
    StringBuilder sb = new StringBuilder(open);
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        sb.append(", ");
      }
      sb.append(repr(item));
      first = false;
    }
    return sb.append(close).toString();
  }

  /** Python's string repr: single quotes unless the text has a single quote and no double quote. */
  private static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < ' ' || c == 0x7f) {
        sb.append("\\x").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  /**
   * Python's {@code repr(float)}: the shortest digits that read back as the same double, in positional
   * notation for exponents -4..15 and as {@code 1e-05} / {@code 1.5e+16} outside them.
   */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale(); // of the first digit
    String sign = d < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
          + Math.abs(exponent);
    }
    String plain = exact.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }
}
