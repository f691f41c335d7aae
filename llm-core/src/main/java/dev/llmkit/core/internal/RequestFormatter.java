package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.output.StructuredOutputPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stage 3: fits the request to the model. Request settings win over config defaults; oversized tool
 * results are cut to {@code maxMessageChars}; images (in user messages and tool results) go when vision
 * is off; stop words go when the model (or config) does not take them; reasoning effort goes to models
 * without the control (instead of a 400 from the provider); sampling settings a model rejects go, as
 * the {@link ModelQuirks} table says; a response format the model cannot take natively is emulated
 * ({@link StructuredOutputPlan}). With {@code dropParams} off, a setting the model does not take fails
 * the call instead of being dropped (settings the config itself switched off excepted).
 */
public final class RequestFormatter {
  private static final System.Logger LOG = System.getLogger(RequestFormatter.class.getName());

  private final LlmConfig config;
  private final ToolOutputTruncator truncator;
  private final ModelQuirks quirks;

  public RequestFormatter(LlmConfig config) {
    this(config, ModelQuirks.standard());
  }

  RequestFormatter(LlmConfig config, ModelQuirks quirks) {
    this.config = config;
    this.truncator = new ToolOutputTruncator(config.maxMessageChars());
    this.quirks = quirks;
  }

  public ChatRequest format(ChatRequest request, ModelInfo model) {
    ModelFeatures features = model.features();
    Copy defaults = new Copy(request); // the config fills in what the request left out
    if (request.temperature() == null && config.temperature() != null) {
      defaults.edit().temperature(config.temperature());
    }
    if (request.topP() == null && config.topP() != null) {
      defaults.edit().topP(config.topP());
    }
    if (request.topK() == null && config.topK() != null) {
      defaults.edit().topK(config.topK());
    }
    if (request.maxOutputTokens() == null && config.maxOutputTokens() != null) {
      defaults.edit().maxOutputTokens(config.maxOutputTokens());
    }
    if (request.seed() == null && config.seed() != null) {
      defaults.edit().seed(config.seed());
    }
    if (request.reasoningEffort() == null && config.reasoningEffort() != null) {
      defaults.edit().reasoningEffort(config.reasoningEffort());
    }
    ChatRequest merged = defaults.result();
    if (!config.dropParams()) {
      rejectUntakenParams(request, merged, model);
    }
    Copy out = new Copy(merged);
    if (!features.reasoningEffort() && merged.reasoningEffort() != null) {
      out.edit().reasoningEffort(null);
    }
    if (!features.stopWords() && !merged.stop().isEmpty()) {
      out.edit().stop(List.of());
    }
    dropQuirkParams(merged, model, out);
    if (!config.extraParams().isEmpty()) {
      Map<String, Object> extra = new LinkedHashMap<>(config.extraParams());
      extra.putAll(request.extraParams()); // the request's own params win
      out.edit().extraParams(extra);
    }
    List<Message> messages = truncator.truncate(request.messages());
    if (!features.vision() && request.hasImages()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "dropping images: " + model.qualifiedName()
          + (config.disableVision() ? " has vision disabled (LlmConfig.disableVision)" : " has no vision"));
      messages = withoutImages(messages);
    }
    if (messages != request.messages()) {
      out.edit().messages(messages);
    }
    return StructuredOutputPlan.of(request.responseFormat(), model).apply(out.result());
  }

  /**
   * A request copied only once something changes it: a builder copies every list, and on most calls
   * the formatter changes nothing.
   */
  private static final class Copy {
    private final ChatRequest base;
    private ChatRequest.@Nullable Builder builder;

    Copy(ChatRequest base) {
      this.base = base;
    }

    ChatRequest.Builder edit() {
      if (builder == null) {
        builder = base.toBuilder();
      }
      return builder;
    }

    ChatRequest result() {
      return builder == null ? base : builder.build();
    }
  }

  /** Drops the sampling settings the model rejects, as the quirks table says. */
  private void dropQuirkParams(ChatRequest merged, ModelInfo model, Copy out) {
    Set<ModelQuirks.Quirk> q = quirks.of(model.name());
    if (q.contains(ModelQuirks.Quirk.NO_TEMPERATURE) && merged.temperature() != null) {
      out.edit().temperature(null);
    }
    if ((q.contains(ModelQuirks.Quirk.NO_TOP_P)
        || q.contains(ModelQuirks.Quirk.TEMPERATURE_OR_TOP_P) && merged.temperature() != null) && merged.topP() != null) {
      out.edit().topP(null);
    }
    if (q.contains(ModelQuirks.Quirk.NO_TOP_K) && merged.topK() != null) {
      out.edit().topK(null);
    }
  }

  private void rejectUntakenParams(ChatRequest request, ChatRequest merged, ModelInfo model) {
    List<String> problems = new ArrayList<>();
    String fix = "; remove it or set LlmConfig.dropParams(true)";
    String name = "model '" + model.qualifiedName() + "'";
    boolean effortAsked = request.reasoningEffort() != null || config.reasoningEffort() != null;
    if (!model.features().reasoningEffort() && effortAsked) {
      String field = request.reasoningEffort() != null ? "reasoningEffort" : "LlmConfig.reasoningEffort";
      problems.add(field + " is set, but " + name + " has no reasoning-effort control" + fix);
    }
    // With disableStopWord the user asked for the stop words to go, so dropping them is no surprise.
    if (!model.features().stopWords() && !config.disableStopWord() && !request.stop().isEmpty()) {
      problems.add("stop is set, but " + name + " takes no stop words" + fix);
    }
    // Likewise with disableVision: the images go because the user said so.
    if (!model.features().vision() && !config.disableVision() && request.hasImages()) {
      problems.add("messages carry images, but " + name + " has no vision" + fix);
    }
    Set<ModelQuirks.Quirk> q = quirks.of(model.name());
    if (q.contains(ModelQuirks.Quirk.NO_TEMPERATURE) && merged.temperature() != null) {
      problems.add("temperature is set, but " + name + " takes none" + fix);
    }
    if (q.contains(ModelQuirks.Quirk.NO_TOP_P) && merged.topP() != null) {
      problems.add("topP is set, but " + name + " takes none" + fix);
    }
    if (q.contains(ModelQuirks.Quirk.NO_TOP_K) && merged.topK() != null) {
      problems.add("topK is set, but " + name + " takes none" + fix);
    }
    if (q.contains(ModelQuirks.Quirk.TEMPERATURE_OR_TOP_P) && merged.temperature() != null && merged.topP() != null) {
      problems.add("temperature and topP are both set, but " + name + " takes only one of them" + fix);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  private static List<Message> withoutImages(List<Message> messages) {
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      if (m instanceof UserMessage u && u.hasImages()) {
        List<ContentPart> kept = withoutImageParts(u.content());
        out.add(new UserMessage(kept.isEmpty() ? List.of(ContentPart.text("")) : kept));
      } else if (m instanceof ToolMessage t && t.hasImages()) {
        List<ContentPart> kept = withoutImageParts(t.parts());
        out.add(t.withParts(kept.isEmpty() ? List.of(ContentPart.text("")) : kept));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  private static List<ContentPart> withoutImageParts(List<ContentPart> parts) {
    return parts.stream().filter(p -> !(p instanceof ContentPart.Image)).toList();
  }
}
