package dev.llmkit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the model said: its content blocks in the order it produced them (see {@link AssistantBlock}):
 * text, reasoning, tool calls and provider-opaque blocks, interleaved as they came (e.g. thinking, a
 * tool call, more thinking, then text).
 *
 * <p>Pass a response's message back unchanged in the next request: providers send its blocks back in
 * this order and some (Anthropic, Gemini) reject a turn whose signed blocks were reordered, merged or
 * dropped. The accessors {@link #text()}, {@link #toolCalls()} and {@link #reasoning()} are views derived
 * from the blocks; the text of {@link AssistantBlock.Opaque} blocks never shows in {@link #text()}.
 *
 * @param blocks the content blocks in order; an immutable copy
 */
public record AssistantMessage(List<AssistantBlock> blocks) implements Message {

  public AssistantMessage {
    blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
  }

  /**
   * A message from its three parts, as blocks in the order reasoning, text, tool calls (the order of a
   * turn without interleaving). A {@code null} text adds no text block.
   */
  public AssistantMessage(@Nullable String text, List<ToolCall> toolCalls, List<Reasoning> reasoning) {
    this(blocksOf(text, toolCalls, reasoning));
  }

  /** A message whose only block is {@code text}. */
  public static AssistantMessage of(String text) {
    return new AssistantMessage(text, List.of(), List.of());
  }

  /** A message that only calls tools. */
  public static AssistantMessage ofToolCalls(List<ToolCall> calls) {
    return new AssistantMessage(null, calls, List.of());
  }

  /** A message of these blocks, in this order. */
  public static AssistantMessage ofBlocks(List<? extends AssistantBlock> blocks) {
    return new AssistantMessage(List.copyOf(blocks));
  }

  /** A message of these blocks, in this order. */
  public static AssistantMessage ofBlocks(AssistantBlock... blocks) {
    return new AssistantMessage(List.of(blocks));
  }

  @Override
  public String role() {
    return "assistant";
  }

  /** The answer text: every {@link AssistantBlock.Text} block joined, or {@code null} when there is none. */
  public @Nullable String text() {
    String first = null;
    StringBuilder sb = null;
    for (AssistantBlock b : blocks) {
      if (b instanceof AssistantBlock.Text t) {
        if (first == null) {
          first = t.text(); // the usual case, one text block: no copy
        } else {
          sb = sb == null ? new StringBuilder(first) : sb;
          sb.append(t.text());
        }
      }
    }
    return sb == null ? first : sb.toString();
  }

  /** The tool calls, in order. */
  public List<ToolCall> toolCalls() {
    return only(ToolCall.class);
  }

  /** The reasoning blocks, in order (redacted ones included). */
  public List<Reasoning> reasoning() {
    return only(Reasoning.class);
  }

  /** The blocks llmkit does not model, in order. */
  public List<AssistantBlock.Opaque> opaqueBlocks() {
    return only(AssistantBlock.Opaque.class);
  }

  /** The text, or the empty string when the model only called tools. */
  public String textOrEmpty() {
    String text = text();
    return text == null ? "" : text;
  }

  /** The reasoning texts joined, empty when the provider returned none. */
  public String reasoningText() {
    StringBuilder sb = new StringBuilder();
    for (Reasoning r : reasoning()) {
      sb.append(r.text());
    }
    return sb.toString();
  }

  private <T extends AssistantBlock> List<T> only(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (AssistantBlock b : blocks) {
      if (type.isInstance(b)) {
        out.add(type.cast(b));
      }
    }
    return List.copyOf(out);
  }

  private static List<AssistantBlock> blocksOf(@Nullable String text, List<ToolCall> toolCalls, List<Reasoning> reasoning) {
    List<AssistantBlock> blocks = new ArrayList<>(reasoning.size() + toolCalls.size() + 1);
    blocks.addAll(reasoning);
    if (text != null) {
      blocks.add(new AssistantBlock.Text(text));
    }
    blocks.addAll(toolCalls);
    return blocks;
  }
}
