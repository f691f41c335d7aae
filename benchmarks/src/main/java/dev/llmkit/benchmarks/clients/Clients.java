package dev.llmkit.benchmarks.clients;

import java.util.List;

/** The clients compared, by name. */
public final class Clients {
  /** Every client, in report order; the floor first. */
  public static final List<String> ALL = List.of("floor", "llmkit", "langchain4j", "openai-java");

  private Clients() {}

  public static BenchClient create(String name, String baseUrl) {
    return switch (name) {
      case "floor" -> new FloorClient(baseUrl);
      case "floor-async" -> new FloorClient(baseUrl, true);
      case "llmkit" -> new LlmkitClient(baseUrl);
      case "langchain4j" -> new LangChain4jClient(baseUrl);
      case "openai-java" -> new OpenAiJavaClient(baseUrl);
      default -> throw new IllegalArgumentException("unknown client '" + name + "'; known: " + ALL + " and floor-async");
    };
  }

  /**
   * Runs one completion and one stream and fails unless both got the whole answer: a fast wrong
   * benchmark is worthless.
   */
  public static void check(BenchClient client, Answer expected) throws Exception {
    Answer complete = client.complete();
    StringBuilder streamed = new StringBuilder();
    Answer stream = client.stream(streamed::append);
    for (var entry : List.of(List.of("complete", complete), List.of("stream", stream))) {
      if (!entry.get(1).equals(expected)) {
        throw new IllegalStateException(client.name() + " " + entry.get(0) + " got " + entry.get(1) + ", expected " + expected);
      }
    }
    if (!streamed.toString().equals(expected.text())) {
      throw new IllegalStateException(client.name() + " streamed text events did not add up to the answer");
    }
  }
}
