package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a provider sent, read back out of a recorded request by its {@link WireDialect} into one shape
 * for every format, so that a test states each expectation once ({@link RecordedRequest#view()}).
 *
 * <pre>{@code
 * WireView sent = mock.lastRequest().view();
 * assertThat(sent.system()).isEqualTo("Answer tersely.");
 * assertThat(sent.transcript()).containsExactly("user: Hi");
 * assertThat(sent.turns().get(0).images()).extracting(WireView.Image::data).containsExactly(base64Png);
 * }</pre>
 *
 * <p>Roles are {@code user}, {@code assistant} (Gemini's {@code model}) and {@code tool} (a tool
 * result sent as a message of its own). A format that gives tool calls no id (Gemini) uses the tool
 * name where the id would be, in {@link Call#id()} and {@link Result#callId()} alike.
 *
 * @param model the model asked for (from the body, or Gemini's path); empty when there is none
 * @param stream whether a streamed answer was asked for
 * @param system the system prompt text, or {@code null} when none was sent
 * @param turns the conversation without the system prompt, in order
 * @param tools the tools offered
 * @param apiKey the key as the format carries it ({@code authorization: Bearer}, {@code x-api-key}, …), or
 *     {@code null}
 * @param problems what the real API would refuse in this request (a missing required header or field);
 *     empty for a well-formed request
 */
public record WireView(
    String model,
    boolean stream,
    @Nullable String system,
    List<Turn> turns,
    List<Tool> tools,
    @Nullable String apiKey,
    List<String> problems) {

  public WireView {
    turns = List.copyOf(turns);
    tools = List.copyOf(tools);
    problems = List.copyOf(problems);
  }

  /**
   * One message of the conversation. {@code blocks} names what the message carried, in wire order, for
   * the assistant turns a test checks the order of: {@code reasoning} (thinking, a thought part,
   * {@code reasoning_content}/{@code reasoning_details}/{@code thinking} fields), {@code text},
   * {@code call}, and {@code other} for anything else an assistant turn carries (server tool blocks).
   * Formats with fields instead of ordered blocks (OpenAI, Ollama) list them as reasoning, text, calls.
   */
  public record Turn(String role, String text, List<Image> images, List<Call> calls, List<Result> results,
      List<String> blocks) {
    public Turn {
      images = List.copyOf(images);
      calls = List.copyOf(calls);
      results = List.copyOf(results);
      blocks = List.copyOf(blocks);
    }

    /** A turn whose blocks are not listed. */
    public Turn(String role, String text, List<Image> images, List<Call> calls, List<Result> results) {
      this(role, text, images, calls, results, List.of());
    }

    /** A turn with text only. */
    public static Turn text(String role, String text) {
      return new Turn(role, text, List.of(), List.of(), List.of());
    }
  }

  /** An image: inline base64 data with its media type ({@code null} where the format has none), or a URL. */
  public record Image(@Nullable String mediaType, String data) {}

  /** A tool call an assistant turn carries; {@code arguments} is JSON object text. */
  public record Call(String id, String name, String arguments) {}

  /** A tool result: the call it answers and its content as text. */
  public record Result(String callId, String content) {}

  /** A tool on offer, with its parameter schema. */
  public record Tool(String name, JsonNode parameters) {}

  /** The turns as {@code role: text}. */
  public List<String> transcript() {
    return turns.stream().map(t -> t.role() + ": " + t.text()).toList();
  }

  /** Every tool result in the conversation, in order. */
  public List<Result> results() {
    List<Result> out = new ArrayList<>();
    turns.forEach(t -> out.addAll(t.results()));
    return out;
  }

  /** The names of the tools on offer. */
  public List<String> toolNames() {
    return tools.stream().map(Tool::name).toList();
  }
}
