package dev.llmkit.core.fncall;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream side of an emulated call, one per subscription: text passes through until
 * {@code <function=} appears; a delta that ends in what may be the start of that tag ({@code <func}),
 * or in whitespace that would be trimmed off before a call, keeps that tail back until the next delta
 * tells. From the tag on, the text is held; at the end the final response is read exactly as a
 * non-streamed one ({@link ReplyReader}), and its call is emitted as one
 * {@link ChatEvent.ToolCallDelta} before the {@link ChatEvent.Completed} event. When the held text turns
 * out not to be a call it is emitted as text, so the deltas always add up to what was said.
 */
final class ReplyStream implements ExpandingPublisher.Expander {
  private static final String TAG = "<function=";
  private final ReplyReader reader;
  private final StringBuilder held = new StringBuilder();
  private boolean inCall;

  ReplyStream(ReplyReader reader) {
    this.reader = reader;
  }

  /** The block the text belongs to, as the provider numbered it, so that passed-through text keeps its index. */
  private int textBlock = ChatEvent.UNKNOWN_BLOCK;

  @Override
  public List<ChatEvent> onEvent(ChatEvent event) {
    if (event instanceof ChatEvent.TextDelta t) {
      textBlock = t.blockIndex();
      return text(t.text());
    }
    if (event instanceof ChatEvent.Completed c) {
      return completed(c.response());
    }
    return List.of(event);
  }

  @Override
  public List<ChatEvent> onEnd() {
    return flush();
  }

  private List<ChatEvent> text(String fragment) {
    held.append(fragment);
    if (inCall) {
      return List.of();
    }
    String s = held.toString();
    int tag = s.indexOf(TAG);
    int cut;
    if (tag >= 0) {
      inCall = true;
      cut = s.substring(0, tag).stripTrailing().length();
    } else {
      cut = s.length() - possibleTagStart(s);
      while (cut > 0 && Character.isWhitespace(s.charAt(cut - 1))) {
        cut--;
      }
    }
    held.delete(0, cut);
    return cut == 0 ? List.of() : List.of(new ChatEvent.TextDelta(s.substring(0, cut), textBlock));
  }

  /** The length of the longest end of {@code s} that is the start of the tag. */
  private static int possibleTagStart(String s) {
    for (int n = Math.min(TAG.length() - 1, s.length()); n > 0; n--) {
      if (s.regionMatches(s.length() - n, TAG, 0, n)) {
        return n;
      }
    }
    return 0;
  }

  private List<ChatEvent> completed(ChatResponse response) {
    ChatResponse read;
    try {
      read = reader.read(response);
    } catch (LlmException e) {
      LlmException midStream = e.toBuilder().midStream(true).build(); // the caller may have seen text already
      midStream.setStackTrace(e.getStackTrace());
      throw midStream;
    }
    List<ChatEvent> out = new ArrayList<>(3);
    if (read != response && read.hasToolCalls()) {
      held.setLength(0);
      ToolCall call = read.toolCalls().get(0);
      out.add(new ChatEvent.ToolCallDelta(0, call.id(), call.name(), call.arguments(), read.message().blocks().indexOf(call)));
    } else {
      out.addAll(flush());
    }
    out.add(new ChatEvent.Completed(read));
    return out;
  }

  private List<ChatEvent> flush() {
    if (held.length() == 0) {
      return List.of();
    }
    ChatEvent rest = new ChatEvent.TextDelta(held.toString(), textBlock);
    held.setLength(0);
    return List.of(rest);
  }
}
