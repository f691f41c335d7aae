package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the tests share: payloads from {@code src/test/resources/gemini}, a fake key shaped like a real
 * Google key, requests as the engine hands them over, and providers pointed at a stub.
 */
final class Fixtures {
  /** A fake key with the shape of a Google API key ("AIza" + 35 characters). */
  static final String KEY = "AIzaSyD-fakeTestKey_never-logged-000000";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final GeminiProviderFactory FACTORY = new GeminiProviderFactory();

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/gemini/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request for {@code model} with the model described by the factory. */
  static ProviderRequest request(String model, ChatRequest chat) {
    return ProviderRequest.of(FACTORY.describeModel(model), chat);
  }

  /** "Hi" to gemini-2.5-flash. */
  static ProviderRequest hi() {
    return request("gemini-2.5-flash", ChatRequest.builder().user("Hi").build());
  }

  /** A provider talking to {@code baseUrl}, its key from {@code GEMINI_API_KEY}. */
  static ChatProvider provider(String baseUrl) {
    return provider(LlmConfig.builder().model("gemini/gemini-2.5-flash").baseUrl(baseUrl).build());
  }

  static ChatProvider provider(LlmConfig config) {
    return FACTORY.create(config, RecordingContext.withKey());
  }
}
