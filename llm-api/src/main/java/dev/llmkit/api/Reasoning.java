package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One block of model reasoning. {@code signature} is the provider's integrity token; a redacted
 * block has empty text and carries the provider's opaque {@code redactedData} instead. Send it back
 * unchanged: providers verify the signature or decrypt the data on the next turn.
 */
public record Reasoning(String text, @Nullable String signature, @Nullable String redactedData)
    implements AssistantBlock {
  public Reasoning {
    Objects.requireNonNull(text, "text");
  }

  public static Reasoning of(String text) {
    return new Reasoning(text, null, null);
  }

  public static Reasoning redacted(String data) {
    return new Reasoning("", null, data);
  }

  public boolean isRedacted() {
    return redactedData != null;
  }
}
