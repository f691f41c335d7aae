package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.spi.support.SseDecoder;
import dev.llmkit.spi.support.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A raw java.net.http client for the mock server tests: posts JSON, reads JSON or SSE. */
final class WireClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private WireClient() {}

  static HttpResponse<byte[]> post(String url, String json) {
    return post(url, json, "authorization", "Bearer test-key");
  }

  /** Posts with the given header name/value pairs instead of the default bearer key. */
  static HttpResponse<byte[]> post(String url, String json, String... headers) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("content-type", "application/json")
        .headers(headers)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<SseEvent> events(byte[] body) {
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> out = new ArrayList<>();
    decoder.feed(ByteBuffer.wrap(body), out::add);
    decoder.finish(out::add);
    return out;
  }

  /** The JSON objects of an NDJSON body, blank lines skipped. */
  static List<JsonNode> lines(byte[] body) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(MAPPER.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  static JsonNode data(SseEvent event) {
    try {
      return MAPPER.readTree(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
