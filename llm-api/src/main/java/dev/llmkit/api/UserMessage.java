package dev.llmkit.api;

import java.util.List;
import java.util.StringJoiner;

/** What the user says: text, images and documents. */
public record UserMessage(List<ContentPart> content) implements Message {
  public UserMessage {
    content = List.copyOf(content);
  }

  @Override
  public String role() {
    return "user";
  }

  /** The text parts joined, for logs and emulation prompts. */
  public String text() {
    // Read on every call a provider writes: the usual single text part is returned as it is.
    if (content.size() == 1 && content.get(0) instanceof ContentPart.Text only) {
      return only.text();
    }
    StringJoiner joined = new StringJoiner("\n");
    for (ContentPart p : content) {
      if (p instanceof ContentPart.Text t) {
        joined.add(t.text());
      }
    }
    return joined.toString();
  }

  /** True when any part is an image. */
  public boolean hasImages() {
    return content.stream().anyMatch(p -> p instanceof ContentPart.Image);
  }
}
