package dev.llmkit.core.output;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.SystemMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one request gets its structured output. A model with
 * {@link dev.llmkit.api.ModelFeature#STRUCTURED_OUTPUT} takes the {@link ResponseFormat} natively (the
 * provider writes it on the wire); for any other model the format is taken off the request and the
 * system prompt asks for the JSON instead, so a format is never silently dropped. Either way the
 * reply is checked afterwards ({@link StructuredOutputGuard}).
 *
 * @param mode what happens to the format
 * @param format the requested format, {@code null} for plain text
 */
public record StructuredOutputPlan(Mode mode, @Nullable ResponseFormat format) {

  /** What happens to the format. */
  public enum Mode {
    /** No format, or plain text: nothing to do. */
    NONE,
    /** The provider sends the format; the reply is checked to be JSON. */
    NATIVE,
    /** The system prompt asks for the JSON; the reply is checked against the schema. */
    EMULATED
  }

  private static final StructuredOutputPlan NONE = new StructuredOutputPlan(Mode.NONE, null);

  /** The plan for {@code format} on {@code model}. */
  public static StructuredOutputPlan of(@Nullable ResponseFormat format, ModelInfo model) {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) {
      return NONE;
    }
    return new StructuredOutputPlan(model.features().structuredOutput() ? Mode.NATIVE : Mode.EMULATED, format);
  }

  /** The request as the provider should get it: unchanged, or without the format and with the instruction. */
  public ChatRequest apply(ChatRequest request) {
    if (mode != Mode.EMULATED || format == null) {
      return request;
    }
    return request.toBuilder().responseFormat(null).messages(withInstruction(request.messages(), instruction(format))).build();
  }

  /** What the system prompt gains when the format is emulated. */
  static String instruction(ResponseFormat format) {
    if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
      return "Respond with a single JSON object and nothing else: no prose, no code fences.";
    }
    return "Respond with a single JSON value that conforms to the JSON schema \"" + format.name()
        + "\" below, and nothing else: no prose, no code fences.\n"
        + SchemaJson.write(format.schema());
  }

  /** The instruction appended to the last system message, or a new system message first. */
  private static List<Message> withInstruction(List<Message> messages, String instruction) {
    List<Message> out = new ArrayList<>(messages);
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i) instanceof SystemMessage s) {
        out.set(i, new SystemMessage(s.text().isBlank() ? instruction : s.text() + "\n\n" + instruction));
        return out;
      }
    }
    out.add(0, new SystemMessage(instruction));
    return out;
  }
}
