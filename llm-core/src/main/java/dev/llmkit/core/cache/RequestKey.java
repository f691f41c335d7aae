package dev.llmkit.core.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key of a request in the response cache: the SHA-256, in hex, of a canonical JSON encoding of what
 * decides the answer. That is the {@link Scope} (provider, model, endpoint, API version, safety settings)
 * and the whole {@link ChatRequest} as the pipeline has shaped it so far (config defaults applied): every
 * message with all its content parts (inline images and documents by their data, linked ones by URL),
 * the tools with their descriptions and schemas, tool choice, response format, every sampling parameter
 * and the extra parameters. The API key, headers, prompt-cache marks and call attributes are not part of
 * the key.
 *
 * <p>The encoding walks the request's records by their components, so a field added to the request or
 * to a message later is part of the key without a change here (an unknown field can only make keys
 * differ, never make two different requests share one). Canonical: record components and map entries in
 * name order, so equal requests give equal keys whatever order their maps were built in; lists keep
 * their order, which is part of the meaning. The format version and the cache's namespace are part of
 * the key, so a change of either never reads an entry written under the other.
 */
final class RequestKey {
  static final int FORMAT_VERSION = 1;

  /** For values that are neither records, collections nor scalars (an extra parameter's object). */
  private static final ObjectMapper OTHER_VALUES = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  /** Each record type's accessors in component-name order, looked up once. */
  private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      return Arrays.stream(components)
          .sorted(Comparator.comparing(RecordComponent::getName))
          .map(RecordComponent::getAccessor)
          .toList();
    }
  };

  private RequestKey() {}

  /**
   * What decides the answer besides the request: the cache's namespace, the provider and model, and the
   * settings of the {@code Llm} that reach the provider outside the request: the endpoint (two servers may
   * serve different models under one name), the API version and safety settings. Made once per {@code Llm}.
   */
  record Scope(String namespace, String provider, String model, @Nullable String baseUrl, @Nullable String apiVersion,
      List<Map<String, String>> safetySettings) {

    static Scope of(String namespace, LlmConfig config, ModelInfo model) {
      return new Scope(namespace, model.provider(), model.name(), config.baseUrl(), config.apiVersion(),
          config.safetySettings());
    }
  }

  /**
   * The key of {@code request} in {@code scope}; a value the encoding cannot read (an extra parameter
   * Jackson cannot write) throws, and the call is then not cached.
   */
  static String of(Scope scope, ChatRequest request) {
    MessageDigest sha256 = sha256();
    try (JsonGenerator json = OTHER_VALUES.getFactory()
        .createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
      json.writeStartObject();
      json.writeNumberField("format", FORMAT_VERSION);
      json.writeFieldName("scope");
      write(json, scope);
      json.writeFieldName("request");
      write(json, request);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a digest stream does not fail; the generator says it might
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void write(JsonGenerator json, @Nullable Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof Enum<?> e) {
      json.writeString(e.name());
    } else if (value instanceof Record r) {
      writeRecord(json, r);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(json, map);
    } else if (value instanceof Collection<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        write(json, item);
      }
      json.writeEndArray();
    } else {
      json.writeObject(value); // Jackson, with sorted properties and map entries
    }
  }

  /** The record's type (a {@code UserMessage} and a {@code SystemMessage} never look alike) and components. */
  private static void writeRecord(JsonGenerator json, Record value) throws IOException {
    json.writeStartObject();
    json.writeStringField("@type", value.getClass().getName());
    for (Method accessor : ACCESSORS.get(value.getClass())) {
      json.writeFieldName(accessor.getName());
      write(json, read(accessor, value));
    }
    json.writeEndObject();
  }

  private static void writeMap(JsonGenerator json, Map<?, ?> map) throws IOException {
    List<Map.Entry<String, ?>> entries = new ArrayList<>(map.size());
    map.forEach((k, v) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(String.valueOf(k), v)));
    entries.sort(Comparator.comparing(Map.Entry::getKey));
    json.writeStartObject();
    for (Map.Entry<String, ?> entry : entries) {
      json.writeFieldName(entry.getKey());
      write(json, entry.getValue());
    }
    json.writeEndObject();
  }

  private static @Nullable Object read(Method accessor, Record value) {
    try {
      return accessor.invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor + " for the response-cache key", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
