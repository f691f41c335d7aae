package dev.llmkit.core.internal;

import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps tool results within {@code LlmConfig.maxMessageChars}, as OpenHands does with large
 * observations: the head and the tail of an oversized text part stay (where commands print what
 * matters) and the middle is replaced by a note saying how much was cut, so one huge output cannot fill
 * the context window. Each text part of a result is held to the limit; images are left alone.
 */
final class ToolOutputTruncator {
  private final int maxChars;

  ToolOutputTruncator(int maxChars) {
    this.maxChars = maxChars;
  }

  List<Message> truncate(List<Message> messages) {
    if (maxChars <= 0 || !anyTooLong(messages)) {
      return messages;
    }
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      out.add(tooLong(m) ? shorten((ToolMessage) m) : m);
    }
    return out;
  }

  private boolean anyTooLong(List<Message> messages) {
    for (Message m : messages) { // a loop, not a stream: this runs on every call
      if (tooLong(m)) {
        return true;
      }
    }
    return false;
  }

  private boolean tooLong(Message m) {
    return m instanceof ToolMessage t && t.parts().stream().anyMatch(this::tooLong);
  }

  private boolean tooLong(ContentPart part) {
    return part instanceof ContentPart.Text text && text.text().length() > maxChars;
  }

  private ToolMessage shorten(ToolMessage t) {
    List<ContentPart> parts = new ArrayList<>(t.parts().size());
    for (ContentPart part : t.parts()) {
      parts.add(tooLong(part) ? ContentPart.text(shorten(((ContentPart.Text) part).text())) : part);
    }
    return t.withParts(parts);
  }

  private String shorten(String content) {
    int half = maxChars / 2;
    String note = "\n[... " + (content.length() - 2 * half) + " characters truncated (LlmConfig.maxMessageChars) ...]\n";
    return content.substring(0, half) + note + content.substring(content.length() - half);
  }
}
