package dev.llmkit.api;

import java.util.List;
import java.util.stream.Collectors;

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
    return content.stream()
        .filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining("\n"));
  }

  /** True when any part is an image. */
  public boolean hasImages() {
    return content.stream().anyMatch(p -> p instanceof ContentPart.Image);
  }
}
