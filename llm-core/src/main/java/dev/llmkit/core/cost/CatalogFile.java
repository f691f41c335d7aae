package dev.llmkit.core.cost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the catalog JSON format (the bundled file and user files alike), checking every field and
 * naming the file, the entry and the field of the first thing wrong.
 *
 * <p>It uses Jackson's streaming parser into plain maps and lists rather than an {@code ObjectMapper}:
 * that keeps the first {@link PriceCatalog#bundled()} of a JVM quick, and numbers exact (a JSON number
 * is read as a {@link BigDecimal}, never a double).
 */
final class CatalogFile {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private static final Set<String> TOP_FIELDS = Set.of("source", "pricesAsOf", "generatedBy", "notes", "models");
  private static final List<String> PRICE_FIELDS =
      List.of("input", "output", "cacheRead", "cacheWrite", "cacheWrite1h", "reasoningOutput");
  private static final Set<String> ENTRY_FIELDS;
  private static final Set<String> TIER_FIELDS;

  static {
    Set<String> entry = new LinkedHashSet<>(List.of("provider", "model", "match", "tiers", "maxInputTokens",
        "maxOutputTokens", "capabilities", "note"));
    entry.addAll(PRICE_FIELDS);
    ENTRY_FIELDS = Set.copyOf(entry);
    Set<String> tier = new LinkedHashSet<>(List.of("aboveInputTokens", "wholeRequest"));
    tier.addAll(PRICE_FIELDS);
    TIER_FIELDS = Set.copyOf(tier);
  }

  /**
   * One entry as read: the public record, its match patterns (lower case), whether it is the bundled
   * catalog's, and which of the fields a replacing entry may leave out it has.
   */
  record Loaded(CatalogEntry entry, List<String> patterns, boolean bundled,
      boolean hasMatch, boolean hasMaxInput, boolean hasMaxOutput, boolean hasCapabilities) {}

  /** A whole file: its header and entries in file order. */
  record Contents(@Nullable String source, @Nullable String pricesAsOf, List<Loaded> entries) {}

  private CatalogFile() {}

  /**
   * Reads a catalog. {@code name} names the file in errors; {@code bundled} marks the entries as the
   * bundled catalog's. The document is an object with a {@code models} array, or that array alone.
   */
  static Contents read(String json, String name, boolean bundled) {
    return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name, bundled);
  }

  /** As {@link #read(String, String, boolean)}, from a stream of UTF-8. */
  static Contents read(InputStream in, String name, boolean bundled) {
    @Nullable Object root;
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() == null) {
        throw error(name + ": is empty");
      }
      root = value(p, name);
      if (p.nextToken() != null) {
        throw error(name + ": not valid JSON: more after the end of the document" + at(p.currentLocation()));
      }
    } catch (JsonProcessingException e) {
      throw error(name + ": not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
    } catch (IOException e) {
      throw error(name + ": cannot be read: " + e, e);
    }
    List<?> models;
    @Nullable String source = null;
    @Nullable String asOf = null;
    if (root instanceof List<?> l) {
      models = l;
    } else if (root instanceof Map<?, ?> m) {
      for (Object f : m.keySet()) {
        if (!TOP_FIELDS.contains(f)) {
          throw error(name + ": unknown top-level field \"" + f + "\", expected " + sorted(TOP_FIELDS));
        }
      }
      if (!(m.get("models") instanceof List<?> l)) {
        throw error(name + ": field \"models\": must be an array of model entries");
      }
      models = l;
      source = optionalText(m, "source", name);
      asOf = optionalText(m, "pricesAsOf", name);
    } else {
      throw error(name + ": must be a JSON object with a \"models\" array, or that array");
    }
    List<Loaded> entries = new ArrayList<>(models.size());
    for (int i = 0; i < models.size(); i++) {
      entries.add(entry(models.get(i), new Where(name, i), bundled));
    }
    return new Contents(source, asOf, entries);
  }

  // ------------------------------------------------------------------------------------------------
  // JSON to maps, lists, strings, BigDecimal / Long, Boolean and null

  private static @Nullable Object value(JsonParser p, String name) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (m.containsKey(field)) {
            throw error(name + ": not valid JSON: field \"" + field + "\" twice in one object" + at(p.currentLocation()));
          }
          m.put(field, value(p, name));
        }
        return m;
      }
      case START_ARRAY: {
        List<@Nullable Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p, name));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw error(name + ": not valid JSON: unexpected " + t + at(p.currentLocation()));
    }
  }

  private static String at(@Nullable JsonLocation l) {
    return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }

  // ------------------------------------------------------------------------------------------------
  // entries

  /** Where in a file a field is, for messages. */
  private static final class Where {
    final String file;
    final int index;
    @Nullable String id;

    Where(String file, int index) {
      this.file = file;
      this.index = index;
    }

    LlmException bad(String field, String problem) {
      return error(file + ": models[" + index + "]" + (id != null ? " (" + id + ")" : "")
          + (field.isEmpty() ? "" : ", field \"" + field + "\"") + ": " + problem);
    }
  }

  private static Loaded entry(@Nullable Object node, Where at, boolean bundled) {
    if (!(node instanceof Map<?, ?> m)) {
      throw at.bad("", "must be an object, got " + json(node));
    }
    String provider = requiredText(m, "provider", at);
    String model = requiredText(m, "model", at);
    at.id = provider + "/" + model;
    for (Object f : m.keySet()) {
      if (!ENTRY_FIELDS.contains(f)) {
        throw at.bad(f.toString(), "unknown field, expected one of " + sorted(ENTRY_FIELDS));
      }
    }
    BigDecimal input = required(price(m, "input", at, "input"), "input", at);
    BigDecimal output = required(price(m, "output", at, "output"), "output", at);
    @Nullable BigDecimal cacheRead = price(m, "cacheRead", at, "cacheRead");
    @Nullable BigDecimal cacheWrite = price(m, "cacheWrite", at, "cacheWrite");
    @Nullable BigDecimal cacheWrite1h = price(m, "cacheWrite1h", at, "cacheWrite1h");
    @Nullable BigDecimal reasoning = price(m, "reasoningOutput", at, "reasoningOutput");
    ModelPricing base = new ModelPricing(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning, List.of());

    List<PriceTier> tiers = new ArrayList<>();
    @Nullable Object tierNodes = m.get("tiers");
    if (tierNodes != null) {
      if (!(tierNodes instanceof List<?> tl)) {
        throw at.bad("tiers", "must be an array, got " + json(tierNodes));
      }
      for (int t = 0; t < tl.size(); t++) {
        tiers.add(tier(tl.get(t), "tiers[" + t + "]", at, base));
      }
    }
    ModelPricing pricing;
    try {
      pricing = base.withTiers(tiers);
    } catch (IllegalArgumentException e) {
      throw at.bad("tiers", e.getMessage());
    }

    List<String> patterns = new ArrayList<>();
    @Nullable Object match = m.get("match");
    if (match != null) {
      if (!(match instanceof List<?> ml)) {
        throw at.bad("match", "must be an array of patterns, got " + json(match));
      }
      for (Object o : ml) {
        if (!(o instanceof String s) || s.isBlank()) {
          throw at.bad("match", "each pattern must be a non-empty string, got " + json(o));
        }
        patterns.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    @Nullable Integer maxIn = positiveInt(m, "maxInputTokens", at);
    @Nullable Integer maxOut = positiveInt(m, "maxOutputTokens", at);
    Set<String> caps = new LinkedHashSet<>();
    @Nullable Object capNodes = m.get("capabilities");
    if (capNodes != null) {
      if (!(capNodes instanceof List<?> cl)) {
        throw at.bad("capabilities", "must be an array of names, got " + json(capNodes));
      }
      for (Object c : cl) {
        if (!(c instanceof String s) || !CatalogEntry.CAPABILITIES.contains(s)) {
          throw at.bad("capabilities", "unknown capability " + json(c) + ", expected some of "
              + sorted(CatalogEntry.CAPABILITIES));
        }
        caps.add(s);
      }
    }
    if (m.get("note") != null && !(m.get("note") instanceof String)) {
      throw at.bad("note", "must be a string, got " + json(m.get("note")));
    }
    CatalogEntry entry;
    try {
      entry = new CatalogEntry(ModelNames.provider(provider), model.trim(), pricing, maxIn, maxOut, caps);
    } catch (IllegalArgumentException e) {
      throw at.bad("", e.getMessage());
    }
    return new Loaded(entry, List.copyOf(patterns), bundled, match != null, maxIn != null, maxOut != null,
        capNodes != null);
  }

  /** A tier; a price it leaves out is the entry's own. */
  private static PriceTier tier(@Nullable Object node, String field, Where at, ModelPricing base) {
    if (!(node instanceof Map<?, ?> m)) {
      throw at.bad(field, "must be an object, got " + json(node));
    }
    for (Object f : m.keySet()) {
      if (!TIER_FIELDS.contains(f)) {
        throw at.bad(field + "." + f, "unknown field, expected one of " + sorted(TIER_FIELDS));
      }
    }
    @Nullable Object above = m.get("aboveInputTokens");
    if (!(above instanceof Long n) || n < 0) {
      throw at.bad(field + ".aboveInputTokens", "required, a non-negative whole number of tokens, got " + json(above));
    }
    @Nullable Object whole = m.get("wholeRequest");
    if (whole != null && !(whole instanceof Boolean)) {
      throw at.bad(field + ".wholeRequest", "must be true or false, got " + json(whole));
    }
    ModelPricing pricing = new ModelPricing(
        orElse(price(m, "input", at, field + ".input"), base.input()),
        orElse(price(m, "output", at, field + ".output"), base.output()),
        orNull(price(m, "cacheRead", at, field + ".cacheRead"), base.cacheRead()),
        orNull(price(m, "cacheWrite", at, field + ".cacheWrite"), base.cacheWrite()),
        orNull(price(m, "cacheWrite1h", at, field + ".cacheWrite1h"), base.cacheWrite1h()),
        orNull(price(m, "reasoningOutput", at, field + ".reasoningOutput"), base.reasoningOutput()),
        List.of());
    return new PriceTier(n, whole == null || (Boolean) whole, pricing);
  }

  private static BigDecimal orElse(@Nullable BigDecimal value, BigDecimal fallback) {
    return value != null ? value : fallback;
  }

  private static @Nullable BigDecimal orNull(@Nullable BigDecimal value, @Nullable BigDecimal fallback) {
    return value != null ? value : fallback;
  }

  private static String requiredText(Map<?, ?> m, String field, Where at) {
    @Nullable Object v = m.get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw at.bad(field, "required, a non-empty string" + (v == null ? "" : ", got " + json(v)));
    }
    return s;
  }

  private static BigDecimal required(@Nullable BigDecimal price, String field, Where at) {
    if (price == null) {
      throw at.bad(field, "required, USD per token as a decimal string such as \"0.000003\"");
    }
    return price;
  }

  private static @Nullable BigDecimal price(Map<?, ?> m, String field, Where at, String label) {
    @Nullable Object v = m.get(field);
    if (v == null) {
      return null;
    }
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof Long l) {
      d = BigDecimal.valueOf(l);
    } else if (v instanceof BigInteger i) {
      d = new BigDecimal(i);
    } else if (v instanceof String s) {
      try {
        d = new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw at.bad(label, "not a decimal number: " + json(v));
      }
    } else {
      throw at.bad(label, "must be USD per token as a decimal string such as \"0.000003\", got " + json(v));
    }
    if (d.signum() < 0) {
      throw at.bad(label, "must not be negative, got " + json(v));
    }
    return d;
  }

  private static @Nullable Integer positiveInt(Map<?, ?> m, String field, Where at) {
    @Nullable Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Long n) || n <= 0 || n > Integer.MAX_VALUE) {
      throw at.bad(field, "must be a positive whole number of tokens, got " + json(v));
    }
    return n.intValue();
  }

  private static @Nullable String optionalText(Map<?, ?> m, String field, String name) {
    @Nullable Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw error(name + ": field \"" + field + "\": must be a string");
    }
    return s;
  }

  /** A value as it would appear in JSON, for messages. */
  private static String json(@Nullable Object v) {
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    return String.valueOf(v);
  }

  private static List<String> sorted(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    l.sort(null);
    return l;
  }

  static LlmException error(String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, "price catalog " + message).build();
  }

  static LlmException error(String message, Throwable cause) {
    return LlmException.builder(ErrorKind.CONFIGURATION, "price catalog " + message).cause(cause).build();
  }
}
