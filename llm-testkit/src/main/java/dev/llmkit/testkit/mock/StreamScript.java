package dev.llmkit.testkit.mock;

import java.util.ArrayList;
import java.util.List;

/**
 * A streamed reply as the texts of its events (SSE events, NDJSON lines), in three parts, so that
 * truncation, in-band errors and stalls cut it at a point that means the same in every format:
 * {@code head} opens the message (may be empty), {@code content} carries the deltas, {@code tail}
 * closes it (finish reason, usage, terminator). What {@link WireDialect#stream} returns.
 *
 * <p>Each text is sent verbatim and must end with its own delimiter ({@code "\n\n"} for SSE,
 * {@code "\n"} for NDJSON).
 */
public record StreamScript(List<String> head, List<String> content, List<String> tail) {

  public StreamScript {
    head = List.copyOf(head);
    content = List.copyOf(content);
    tail = List.copyOf(tail);
  }

  /** Every event in order. */
  List<String> all() {
    List<String> out = new ArrayList<>(head.size() + content.size() + tail.size());
    out.addAll(head);
    out.addAll(content);
    out.addAll(tail);
    return out;
  }

  /** The default cut point: the head and the first half (rounded up) of the content. */
  int defaultCut() {
    return head.size() + (content.size() + 1) / 2;
  }

  /** The first {@code n} events (all of them when {@code n} is larger). */
  List<String> first(int n) {
    List<String> events = all();
    return events.subList(0, Math.min(n, events.size()));
  }
}
