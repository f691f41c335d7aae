package dev.llmkit.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of running a tool the model called; {@code isError} flags a failed run. The result is
 * text, or text and images ({@link #of(String, String, List)}), e.g. a browser tool's screenshot.
 * Providers that take images in tool results send them there; the others move them into a user
 * message right after the result.
 *
 * @param parts the result: {@link ContentPart.Text} and {@link ContentPart.Image} parts
 */
public record ToolMessage(String toolCallId, String toolName, List<ContentPart> parts, boolean isError) implements Message {
  public ToolMessage {
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(toolName, "toolName");
    parts = List.copyOf(parts);
    for (ContentPart part : parts) {
      if (part instanceof ContentPart.Document) {
        throw new IllegalArgumentException(
            "a tool result takes text and image parts; tool '" + toolName + "' returned a document: send it in a user message");
      }
    }
  }

  /** A text result, the common case. */
  public ToolMessage(String toolCallId, String toolName, String content, boolean isError) {
    this(toolCallId, toolName, List.of(ContentPart.text(Objects.requireNonNull(content, "content"))), isError);
  }

  /** A successful result made of text and image parts. */
  public static ToolMessage of(String toolCallId, String toolName, List<ContentPart> parts) {
    return new ToolMessage(toolCallId, toolName, parts, false);
  }

  /** The text parts joined with newlines (empty when there are none). */
  public String text() {
    if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
      return t.text();
    }
    return parts.stream()
        .filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining("\n"));
  }

  /** The text of the result, as before tool results could carry images: {@link #text()}. */
  public String content() {
    return text();
  }

  /** True when any part is an image. */
  public boolean hasImages() {
    return parts.stream().anyMatch(p -> p instanceof ContentPart.Image);
  }

  /** The image parts, in order. */
  public List<ContentPart.Image> images() {
    return parts.stream().filter(p -> p instanceof ContentPart.Image).map(p -> (ContentPart.Image) p).toList();
  }

  /** A copy with other parts (the same call, tool and error flag). */
  public ToolMessage withParts(List<ContentPart> newParts) {
    return new ToolMessage(toolCallId, toolName, newParts, isError);
  }

  @Override
  public String role() {
    return "tool";
  }
}
