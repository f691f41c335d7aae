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
import java.util.Optional;

/**
 * The llmkit quickstart: a completion, a stream printed as it arrives, and a tool-call round trip,
 * each with usage and latency. With no API key for the chosen provider it runs against the testkit's
 * mock server on loopback and says so; with a key it calls the real service.
 *
 * <p>Usage: {@code Quickstart [--model provider/name]}; the default model is {@code openai/gpt-4o-mini}
 * ({@code anthropic/claude-sonnet-4-5} when only {@code ANTHROPIC_API_KEY} is set).
 */
public final class Quickstart {
  static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather for a city",
      Map.of("type", "object",
          "properties", Map.of("city", Map.of("type", "string", "description", "City name, e.g. Paris")),
          "required", List.of("city")));

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
    Optional<String> keyVariable = KeyLookup.missingKeyVariable(model, env);
    if (keyVariable.isEmpty()) {
      out.println("Calling " + model + " for real (API key found in the environment).");
      demo(Llms.create(LlmConfig.of(model)));
      return;
    }
    try (MockLlmServer mock = MockLlmServer.start()) {
      mock.fallback(MockResponder.demo());
      MockLlmServer.WireFormat format = model.startsWith("anthropic/")
          ? MockLlmServer.WireFormat.ANTHROPIC : MockLlmServer.WireFormat.OPENAI;
      out.println("No " + keyVariable.get() + " set: using the built-in local mock server at "
          + mock.baseUrl(format) + " (nothing leaves this machine).");
      Llm llm = Llms.builder()
          .config(LlmConfig.builder().model(model).baseUrl(mock.baseUrl(format)).apiKey("mock-key").build())
          .env(Map.of())
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
    boolean onlyAnthropic = env.apply("OPENAI_API_KEY") == null && env.apply("ANTHROPIC_API_KEY") != null;
    return onlyAnthropic ? "anthropic/claude-sonnet-4-5" : "openai/gpt-4o-mini";
  }
}
