package dev.llmkit.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.PromptCachePolicy;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.Secret;
import dev.llmkit.core.config.ValueType.BadValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The value types of {@link ConfigKeys}. TOML gives typed nodes; an environment variable gives text,
 * read as OpenHands reads it (numbers and booleans as written, lists and tables as JSON).
 */
final class ValueTypes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValueTypes() {}

  static final ValueType<String> STRING = scalar("a string", ValueTypes::text, s -> s);

  static final ValueType<Secret> SECRET = new ValueType<>() {
    @Override public String expected() {
      return "a string";
    }

    @Override public boolean secret() {
      return true;
    }

    @Override public @Nullable Secret fromToml(JsonNode node) {
      return fromText(text(node));
    }

    @Override public @Nullable Secret fromText(String text) {
      return text.isBlank() ? null : Secret.of(text);
    }
  };

  static final ValueType<Integer> INT = scalar("a whole number such as 5", ValueTypes::number,
      s -> toInt(decimal(s)));

  /** Token limits: OpenHands' template writes 0 for "the model's own". */
  static final ValueType<Integer> TOKENS = scalar("a whole number of tokens such as 4096 (0 for the model's own)",
      ValueTypes::number, s -> {
        int value = toInt(decimal(s));
        return value == 0 ? null : value;
      });

  static final ValueType<Long> LONG = scalar("a whole number such as 42", ValueTypes::number, s -> {
    try {
      return decimal(s).longValueExact();
    } catch (ArithmeticException e) {
      throw new BadValue();
    }
  });

  static final ValueType<Double> DOUBLE = scalar("a number such as 0.7", ValueTypes::number, s -> {
    double value = decimal(s).doubleValue();
    if (Double.isInfinite(value)) {
      throw new BadValue();
    }
    return value;
  });

  static final ValueType<BigDecimal> DECIMAL = scalar("a number such as 0.000003", ValueTypes::number,
      ValueTypes::decimal);

  static final ValueType<Boolean> BOOLEAN = new ValueType<>() {
    @Override public String expected() {
      return "true or false";
    }

    @Override public Boolean fromToml(JsonNode node) {
      if (!node.isBoolean()) {
        throw new BadValue();
      }
      return node.booleanValue();
    }

    @Override public Boolean fromText(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw new BadValue();
      };
    }
  };

  /** OpenHands writes waits and timeouts as whole seconds; fractions are allowed here. */
  static final ValueType<Duration> SECONDS = scalar("a number of seconds such as 30 or 0.5", ValueTypes::number, s -> {
    BigDecimal seconds = decimal(s);
    if (seconds.signum() < 0) {
      throw new BadValue();
    }
    try {
      return Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw new BadValue();
    }
  });

  static final ValueType<ReasoningEffort> REASONING_EFFORT = scalar("one of "
      + Arrays.stream(ReasoningEffort.values()).map(ReasoningEffort::wireName).collect(Collectors.joining(", ")),
      ValueTypes::text, s -> {
        try {
          return ReasoningEffort.parse(s);
        } catch (IllegalArgumentException e) {
          throw new BadValue();
        }
      });

  static final ValueType<PromptCachePolicy> PROMPT_CACHE_POLICY = scalar("one of "
      + Arrays.stream(PromptCachePolicy.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")),
      ValueTypes::text, s -> {
        try {
          return PromptCachePolicy.valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw new BadValue();
        }
      });

  static final ValueType<List<Map<String, String>>> SAFETY_SETTINGS = structured(
      "an array of tables with string values, e.g. [{ category = \"HARM_CATEGORY_HARASSMENT\", threshold = \"BLOCK_NONE\" }]"
          + " (as JSON in an environment variable)", false, node -> {
        if (!node.isArray()) {
          throw new BadValue();
        }
        List<Map<String, String>> list = new ArrayList<>();
        node.forEach(item -> list.add(stringTable(item)));
        return list;
      });

  static final ValueType<Map<String, Object>> PARAMS = structured(
      "a table, e.g. { store = true } (a JSON object in an environment variable)", false, node -> {
        if (!node.isObject()) {
          throw new BadValue();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(node, LinkedHashMap.class);
        return map;
      });

  static final ValueType<Map<String, String>> HEADERS = structured(
      "a table of strings, e.g. { \"X-Team\" = \"search\" } (a JSON object in an environment variable)", true,
      ValueTypes::stringTable);

  private static Map<String, String> stringTable(JsonNode node) {
    if (!node.isObject()) {
      throw new BadValue();
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw new BadValue();
      }
      map.put(e.getKey(), e.getValue().textValue());
    });
    return map;
  }

  /** A type whose TOML node is first turned into text by {@code nodeText}, then parsed like env text. */
  private static <T> ValueType<T> scalar(String expected, Function<JsonNode, String> nodeText,
      Function<String, @Nullable T> parse) {
    return new ValueType<>() {
      @Override public String expected() {
        return expected;
      }

      @Override public @Nullable T fromToml(JsonNode node) {
        return fromText(nodeText.apply(node));
      }

      @Override public @Nullable T fromText(String text) {
        String s = text.strip();
        return s.isEmpty() ? null : parse.apply(s);
      }
    };
  }

  /** A type given as a TOML array or table, or as JSON text in an environment variable. */
  private static <T> ValueType<T> structured(String expected, boolean secret, Function<JsonNode, T> read) {
    return new ValueType<>() {
      @Override public String expected() {
        return expected;
      }

      @Override public boolean secret() {
        return secret;
      }

      @Override public T fromToml(JsonNode node) {
        return read.apply(node);
      }

      @Override public T fromText(String text) {
        try {
          return read.apply(JSON.readTree(text));
        } catch (JsonProcessingException e) {
          throw new BadValue(); // Jackson's message quotes the text, which may hold a secret
        }
      }
    };
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      throw new BadValue();
    }
    return node.textValue();
  }

  private static String number(JsonNode node) {
    if (!node.isNumber()) {
      throw new BadValue();
    }
    return node.asText();
  }

  private static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new BadValue();
    }
  }

  private static int toInt(BigDecimal value) {
    try {
      return value.intValueExact(); // 40.0 (OpenHands' top_k is a float) is 40; 40.5 is refused
    } catch (ArithmeticException e) {
      throw new BadValue();
    }
  }
}
