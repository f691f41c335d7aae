package dev.llmkit.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.StructuredOutputException;
import dev.llmkit.core.EventStreams;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the reply of a call that asked for structured output, the same way for {@code complete},
 * {@code completeAsync} and {@code stream} (on the final response). A reply that calls tools is not
 * checked. A natively formatted reply must be JSON (the provider constrained it to the schema); an
 * emulated one must also conform to the schema, after a surrounding Markdown code fence, which models
 * add though told not to, is taken off. A reply that fails raises a {@link StructuredOutputException}
 * naming the paths that failed.
 */
public final class StructuredOutputGuard {
  private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z0-9_-]*\\s*\\n(.*?)\\n?```$", Pattern.DOTALL);
  private static final int MAX_LISTED = 5;

  private final StructuredOutputPlan plan;
  private final ReplyValidator validator;
  private final ModelInfo model;

  private StructuredOutputGuard(StructuredOutputPlan plan, ReplyValidator validator, ModelInfo model) {
    this.plan = plan;
    this.validator = validator;
    this.model = model;
  }

  /**
   * The guard for a plan, or {@code null} when there is nothing to check. A schema that is not a
   * valid JSON Schema is refused here, before anything is sent.
   */
  public static @Nullable StructuredOutputGuard forPlan(StructuredOutputPlan plan, ModelInfo model) {
    ResponseFormat format = plan.format();
    if (plan.mode() == StructuredOutputPlan.Mode.NONE || format == null) {
      return null;
    }
    try {
      return new StructuredOutputGuard(plan, new ReplyValidator(format), model);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidRequestException(List.of("responseFormat '" + format.name() + "' is not a usable JSON schema ("
          + e.getMessage() + ")"));
    }
  }

  /** The response, checked (and for an emulated format, with a code fence around the JSON taken off). */
  public ChatResponse check(ChatResponse response) {
    if (response.hasToolCalls()) {
      return response;
    }
    String text = response.text().strip();
    if (plan.mode() == StructuredOutputPlan.Mode.EMULATED) {
      Matcher fence = FENCE.matcher(text);
      if (fence.matches()) {
        text = fence.group(1).strip();
      }
    }
    JsonNode reply = ReplyValidator.parse(text);
    if (reply == null || text.isEmpty()) {
      throw failure(response, List.of("$"), "the reply is not JSON" + cutNote(response));
    }
    if (plan.mode() == StructuredOutputPlan.Mode.EMULATED) {
      List<ReplyValidator.Violation> violations = validator.violations(reply);
      if (!violations.isEmpty()) {
        String listed = violations.stream().limit(MAX_LISTED).map(v -> v.path() + ": " + v.message())
            .collect(Collectors.joining("; "));
        String more = violations.size() > MAX_LISTED ? " (and " + (violations.size() - MAX_LISTED) + " more)" : "";
        throw failure(response, violations.stream().map(ReplyValidator.Violation::path).distinct().toList(),
            "the reply does not match the schema: " + listed + more + cutNote(response));
      }
    }
    if (text.equals(response.text())) {
      return response;
    }
    AssistantMessage m = response.message();
    return response.withMessage(new AssistantMessage(text, m.toolCalls(), m.reasoning()), response.finishReason());
  }

  /** The stream, its final response checked: a reply that fails ends the stream with the error instead. */
  public Flow.Publisher<ChatEvent> check(Flow.Publisher<ChatEvent> stream) {
    return EventStreams.map(stream, event -> event instanceof ChatEvent.Completed done
        ? new ChatEvent.Completed(check(done.response()))
        : event);
  }

  private StructuredOutputException failure(ChatResponse response, List<String> paths, String what) {
    ResponseFormat format = plan.format();
    String name = format != null && format.name() != null ? format.name() : "json_object";
    String how = plan.mode() == StructuredOutputPlan.Mode.EMULATED ? "emulated by instruction" : "native";
    LlmException.Builder b = LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            model.qualifiedName() + " answered outside the response format '" + name + "' (" + how + "): " + what)
        .provider(model.provider()).model(model.name()).partialResponse(response)
        .rawFinishReason(response.rawFinishReason());
    return new StructuredOutputException(b, name, paths);
  }

  private static String cutNote(ChatResponse response) {
    return response.finishReason() == FinishReason.LENGTH
        ? "; the reply was cut at the output limit: raise maxOutputTokens"
        : "";
  }
}
