package dev.llmkit.examples.quickstart;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.core.Llms;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockResponder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The llmkit quickstart: a completion, a stream printed as it arrives, and a tool-call round trip,
 * each with usage and latency. With no API key for the chosen provider (for Ollama: no
 * {@code OLLAMA_HOST}) it runs against the testkit's mock server on loopback, in the provider's own
 * wire format, and says so; with a key it calls the real service ({@link Target}).
 *
 * <p>Usage: {@code Quickstart [--model provider/name]}, e.g. {@code gemini/gemini-2.5-flash} or
 * {@code ollama/llama3.2:3b}; the default model is that of the first provider whose key is set:
 * {@code openai/gpt-4o-mini} ({@code OPENAI_API_KEY}), {@code anthropic/claude-sonnet-4-5}
 * ({@code ANTHROPIC_API_KEY}), {@code gemini/gemini-2.5-flash} ({@code GEMINI_API_KEY} or
 * {@code GOOGLE_API_KEY}); with none, {@code openai/gpt-4o-mini} against the mock.
 */
public final class Quickstart {
  static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather for a city",
      Map.of("type", "object",
          "properties", Map.of("city", Map.of("type", "string", "description", "City name, e.g. Paris")),
          "required", List.of("city")));

  /** The default model of each provider with a key, in order of preference, each with its key variables. */
  private static final String[][] DEFAULT_MODELS = {
      {"openai/gpt-4o-mini", "OPENAI_API_KEY"},
      {"anthropic/claude-sonnet-4-5", "ANTHROPIC_API_KEY"},
      {"gemini/gemini-2.5-flash", "GEMINI_API_KEY", "GOOGLE_API_KEY"},
  };

  private final PrintStream out;

  Quickstart(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    try {
      new Quickstart(System.out).run(args, System::getenv);
    } catch (LlmException e) {
      // One clear line, not a stack trace: the usual causes are a wrong key or no network.
      System.err.println("quickstart failed: " + e.kind() + ": " + e.getMessage());
      System.exit(1);
    } catch (IllegalArgumentException e) {
      System.err.println("quickstart: " + e.getMessage());
      System.exit(2);
    }
  }

  void run(String[] args, java.util.function.Function<String, String> env) {
    String model = modelFrom(args, env);
    Target target = Target.choose(model, env);
    if (target instanceof Target.Real real) {
      if (real.note() != null) {
        out.println(real.note());
      }
      LlmConfig.Builder config = LlmConfig.builder().model(model);
      if (real.baseUrl() != null) {
        config.baseUrl(real.baseUrl());
      }
      demo(Llms.create(config.build()));
      return;
    }
    Target.Mock mock = (Target.Mock) target;
    try (MockLlmServer server = MockLlmServer.start()) { // every built-in dialect; each request finds its own by path
      server.fallback(MockResponder.demo());
      String baseUrl = server.baseUrl(mock.dialect());
      out.println(mock.reason() + ": using the built-in local mock server at " + baseUrl
          + " (" + mock.dialect().name() + " wire format; nothing leaves this machine).");
      Llm llm = Llms.builder()
          .config(LlmConfig.builder().model(model).baseUrl(baseUrl).apiKey("mock-key").build())
          .env(Map.of()) // no real key from the environment reaches the mock
          .build();
      demo(llm);
    }
  }

  private void demo(Llm llm) {
    out.println();
    out.println("1. Completion");
    ChatResponse reply = llm.complete(ChatRequest.builder()
        .system("Answer in one short sentence.")
        .user("Why is the sky blue?")
        .build());
    out.println("   " + reply.text());
    out.println("   " + describe(reply));

    out.println();
    out.println("2. Stream");
    out.print("   ");
    try (ChatStream stream = llm.stream(ChatRequest.of(Message.user("Count from 1 to 5, words only.")))) {
      for (ChatEvent event : stream) {
        if (event instanceof ChatEvent.TextDelta t) {
          out.print(t.text());
          out.flush();
        } else if (event instanceof ChatEvent.Completed c) {
          out.println();
          out.println("   " + describe(c.response()));
        }
      }
    }

    out.println();
    out.println("3. Tool call round trip");
    List<Message> conversation = new ArrayList<>(List.of(Message.user("What is the weather in Paris?")));
    ChatResponse call = llm.complete(ChatRequest.builder().messages(conversation).tool(WEATHER).build());
    out.println("   model asked for: " + call.toolCalls().stream().map(c -> c.name() + c.arguments()).toList()
        + "  (" + describe(call) + ")");
    conversation.add(call.message());
    for (ToolCall toolCall : call.toolCalls()) {
      String result = Weather.lookup(toolCall.arguments());
      out.println("   we ran " + toolCall.name() + " -> " + result);
      conversation.add(Message.toolResult(toolCall, result));
    }
    if (call.hasToolCalls()) {
      ChatResponse answer = llm.complete(ChatRequest.builder().messages(conversation).tool(WEATHER).build());
      out.println("   " + answer.text());
      out.println("   " + describe(answer));
    } else {
      out.println("   (the model answered without the tool: " + call.text() + ")");
    }

    MetricsSnapshot m = llm.metrics().snapshot();
    out.println();
    out.println("Totals: " + m.calls() + " calls, " + m.failures() + " failed, " + m.usage().inputTokens()
        + " input + " + m.usage().outputTokens() + " output tokens, " + m.totalLatency().toMillis() + " ms");
  }

  private static String describe(ChatResponse r) {
    return "[" + r.provider() + "/" + r.model() + ", " + r.finishReason() + ", " + r.usage().inputTokens() + " in / "
        + r.usage().outputTokens() + " out tokens, " + r.latency().toMillis() + " ms]";
  }

  private static String modelFrom(String[] args, java.util.function.Function<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--model") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--model=")) {
        return args[i].substring("--model=".length());
      }
      if (!args[i].isBlank()) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: [--model provider/name]");
      }
    }
    // The first provider whose key is set; with none, OpenAI's model against the mock.
    for (String[] candidate : DEFAULT_MODELS) {
      for (int i = 1; i < candidate.length; i++) {
        String value = env.apply(candidate[i]);
        if (value != null && !value.isBlank()) {
          return candidate[0];
        }
      }
    }
    return DEFAULT_MODELS[0][0];
  }
}
