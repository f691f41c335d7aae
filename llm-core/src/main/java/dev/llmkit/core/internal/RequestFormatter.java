package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 3: fits the request to the model. Request settings win over config defaults; oversized tool
 * results are cut to {@code maxMessageChars}; images go when vision is off; stop words go when the model
 * (or config) does not take them; reasoning effort goes to models without the control (instead of a 400
 * from the provider). With {@code dropParams} off, a reasoning effort or stop words the model does not
 * take fail the call instead of being dropped.
 */
public final class RequestFormatter {
  private final LlmConfig config;
  private final ToolOutputTruncator truncator;

  public RequestFormatter(LlmConfig config) {
    this.config = config;
    this.truncator = new ToolOutputTruncator(config.maxMessageChars());
  }

  public ChatRequest format(ChatRequest request, ModelInfo model) {
    ModelFeatures features = model.features();
    ChatRequest.Builder b = request.toBuilder();
    if (request.temperature() == null) {
      b.temperature(config.temperature());
    }
    if (request.topP() == null) {
      b.topP(config.topP());
    }
    if (request.topK() == null) {
      b.topK(config.topK());
    }
    if (request.maxOutputTokens() == null) {
      b.maxOutputTokens(config.maxOutputTokens());
    }
    if (request.seed() == null) {
      b.seed(config.seed());
    }
    if (request.reasoningEffort() == null) {
      b.reasoningEffort(config.reasoningEffort());
    }
    if (!config.dropParams()) {
      rejectUntakenParams(request, model);
    }
    if (!features.reasoningEffort()) {
      b.reasoningEffort(null);
    }
    if (!features.stopWords()) {
      b.stop(List.of());
    }
    if (!config.extraParams().isEmpty()) {
      Map<String, Object> extra = new LinkedHashMap<>(config.extraParams());
      extra.putAll(request.extraParams()); // the request's own params win
      b.extraParams(extra);
    }
    List<Message> messages = truncator.truncate(request.messages());
    if (!features.vision() && request.hasImages()) {
      messages = withoutImages(messages);
    }
    if (messages != request.messages()) {
      b.messages(messages);
    }
    return b.build();
  }

  private void rejectUntakenParams(ChatRequest request, ModelInfo model) {
    List<String> problems = new ArrayList<>();
    String fix = "; remove it or set LlmConfig.dropParams(true)";
    boolean effortAsked = request.reasoningEffort() != null || config.reasoningEffort() != null;
    if (!model.features().reasoningEffort() && effortAsked) {
      String field = request.reasoningEffort() != null ? "reasoningEffort" : "LlmConfig.reasoningEffort";
      problems.add(field + " is set, but model '" + model.qualifiedName() + "' has no reasoning-effort control" + fix);
    }
    // With disableStopWord the user asked for the stop words to go, so dropping them is no surprise.
    if (!model.features().stopWords() && !config.disableStopWord() && !request.stop().isEmpty()) {
      problems.add("stop is set, but model '" + model.qualifiedName() + "' takes no stop words" + fix);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  private static List<Message> withoutImages(List<Message> messages) {
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      if (m instanceof UserMessage u && u.hasImages()) {
        List<ContentPart> kept = u.content().stream().filter(p -> !(p instanceof ContentPart.Image)).toList();
        out.add(new UserMessage(kept.isEmpty() ? List.of(ContentPart.text("")) : kept));
      } else {
        out.add(m);
      }
    }
    return out;
  }
}
