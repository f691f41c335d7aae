package dev.llmkit.provider.openai;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.Redactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a non-streaming Chat Completions body (status 2xx) into a {@link ProviderResponse}, with the
 * metadata of its headers and the cost the body reports (OpenRouter's {@code usage.cost}).
 */
final class ResponseReader {
  private final String provider;
  private final String model;
  private final ErrorMapper errors;
  private final Redactor redactor;

  ResponseReader(String provider, String model, ErrorMapper errors, Redactor redactor) {
    this.provider = provider;
    this.model = model;
    this.errors = errors;
    this.redactor = redactor;
  }

  ProviderResponse read(byte[] body, ResponseMetadata headers) {
    Wire.Completion c;
    try {
      c = WireReader.completion(body);
    } catch (IOException e) {
      throw malformed("a response that is not valid JSON: " + redactor.snippet(body), e);
    }
    if (c.error != null && !c.error.isNull()) {
      // OpenRouter can answer 200 with an error body; its headers still say which request and what limits.
      throw errors.inBand(c.error, false)
          .httpStatus(200).requestId(headers.requestId()).rateLimits(headers.rateLimits()).build();
    }
    Wire.Choice choice = firstChoice(c.choices);
    if (choice == null || choice.message == null) {
      throw malformed("a response without choices: " + redactor.snippet(body), null);
    }
    Wire.Delta m = choice.message;
    List<ToolCall> calls = toolCalls(m.toolCalls);
    String text = ContentText.answer(m.content);
    if (text != null && text.isEmpty() && !calls.isEmpty()) {
      text = null; // some servers send "" instead of null beside tool calls
    }
    String raw = choice.finishReason;
    FinishReason reason = FinishReasons.map(raw);
    if (text == null && m.refusal != null) {
      // A structured-output refusal: surface its wording as the text, flagged as filtered.
      text = m.refusal;
      reason = FinishReason.CONTENT_FILTER;
    }

    // The message's fields as blocks in the order the model produced them (reasoning, answer, calls),
    // then reasoning details, kept whole to go back as received (a stream has them whole only at its end).
    List<AssistantBlock> blocks = new ArrayList<>();
    String reasoningText = ContentText.reasoning(m);
    if (reasoningText != null && !reasoningText.isEmpty()) {
      blocks.add(Reasoning.of(reasoningText));
    }
    if (text != null) {
      blocks.add(new AssistantBlock.Text(text));
    }
    blocks.addAll(calls);
    ReasoningDetails details = new ReasoningDetails();
    details.add(m.reasoningDetails);
    if (!details.isEmpty()) {
      blocks.add(details.block(provider));
    }
    Usage usage = c.usage != null ? UsageMapping.of(c.usage) : Usage.UNKNOWN;
    Cost cost = UsageMapping.cost(c.usage);
    return new ProviderResponse(
        c.id != null ? c.id : "",
        c.model != null && !c.model.isEmpty() ? c.model : model,
        AssistantMessage.ofBlocks(blocks),
        FinishReasons.withToolCalls(reason, !calls.isEmpty()),
        raw,
        usage,
        cost == null ? headers : headers.withProviderCost(cost));
  }

  private static Wire.@Nullable Choice firstChoice(@Nullable List<Wire.Choice> choices) {
    if (choices == null || choices.isEmpty()) {
      return null;
    }
    for (Wire.Choice ch : choices) {
      if (ch.index == null || ch.index == 0) {
        return ch;
      }
    }
    return choices.get(0);
  }

  private static List<ToolCall> toolCalls(@Nullable List<Wire.WireToolCall> wire) {
    if (wire == null || wire.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>(wire.size());
    for (int i = 0; i < wire.size(); i++) {
      Wire.WireToolCall tc = wire.get(i);
      Wire.Function fn = tc.function;
      String args = fn == null || fn.arguments == null || fn.arguments.isEmpty() ? "{}" : fn.arguments;
      calls.add(new ToolCall(
          tc.id != null && !tc.id.isEmpty() ? tc.id : "call_" + i,
          fn == null || fn.name == null ? "" : fn.name,
          args));
    }
    return calls;
  }

  private LlmException malformed(String what, @Nullable Throwable cause) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, provider + " sent " + what)
        .provider(provider).model(model).cause(redactor.safeCause(cause)).build();
  }
}
