package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes of a cache entry: the answer round-trips whole; what belongs to the call that made it does not. */
class ResponseCodecTest {

  static ChatResponse fullResponse() {
    // Interleaved as Anthropic sends them: thinking, text, a call, redacted thinking, a server tool, a call.
    AssistantMessage message = AssistantMessage.ofBlocks(List.of(
        new Reasoning("I should call the tool", "sig-1", null),
        new AssistantBlock.Text("Let me check.", Map.of("anthropic.citations", "[]")),
        new ToolCall("call_1", "weather", "{\"city\":\"Paris\",\"days\":[1,2]}", Map.of("gemini.thoughtSignature", "abc")),
        Reasoning.redacted("opaque"),
        new AssistantBlock.Opaque("anthropic", "server_tool_use", "{\"type\":\"server_tool_use\",\"id\":\"srv_1\"}"),
        new ToolCall("call_2", "time", "{}")));
    ResponseMetadata metadata = new ResponseMetadata("req-42",
        new RateLimits(new RateLimit(100L, 99L, Instant.parse("2026-01-01T00:00:00Z")), RateLimit.UNKNOWN, RateLimit.UNKNOWN,
            RateLimit.UNKNOWN),
        Duration.ofSeconds(3), Cost.usd("0.01"), CallAttributes.EMPTY.with(CallAttributes.ATTEMPTS, 2));
    return new ChatResponse("resp-9", "acme", "m1-2026", message, FinishReason.TOOL_CALLS, "tool_use",
        new Usage(1_000L, 200L, 300L, 50L, 80L, 20L), Cost.usd("0.02"), Duration.ofMillis(900), metadata);
  }

  @Test
  void the_answer_round_trips_every_field() {
    ChatResponse original = fullResponse();

    ChatResponse decoded = ResponseCodec.decode(ResponseCodec.encode(original));

    assertThat(decoded.id()).isEqualTo("resp-9");
    assertThat(decoded.provider()).isEqualTo("acme");
    assertThat(decoded.model()).isEqualTo("m1-2026");
    assertThat(decoded.message()).isEqualTo(original.message());
    assertThat(decoded.message().blocks()).as("blocks in the order the provider gave them")
        .containsExactlyElementsOf(original.message().blocks());
    assertThat(decoded.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(decoded.rawFinishReason()).isEqualTo("tool_use");
    assertThat(decoded.usage()).isEqualTo(original.usage());
    assertThat(decoded.metadata().requestId()).isEqualTo("req-42");
  }

  @Test
  void an_entry_written_before_the_one_hour_split_still_reads() {
    String before = new String(ResponseCodec.encode(fullResponse()), StandardCharsets.UTF_8)
        .replace(",\"cacheWrite1h\":20", "");
    assertThat(before).doesNotContain("cacheWrite1h");

    ChatResponse decoded = ResponseCodec.decode(before.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.usage()).isEqualTo(new Usage(1_000L, 200L, 300L, 50L, 80L));
  }

  @Test
  void what_belongs_to_the_call_that_made_the_answer_is_left_out() {
    ChatResponse decoded = ResponseCodec.decode(ResponseCodec.encode(fullResponse()));

    assertThat(decoded.cost()).isNull();
    assertThat(decoded.latency()).isZero();
    assertThat(decoded.metadata().rateLimits()).isEqualTo(RateLimits.NONE);
    assertThat(decoded.metadata().retryAfter()).isNull();
    assertThat(decoded.metadata().providerCost()).isNull();
    assertThat(decoded.metadata().attributes()).isEqualTo(CallAttributes.EMPTY);
  }

  @Test
  void a_text_only_answer_with_unknown_usage_round_trips() {
    ChatResponse original = new ChatResponse("", "p", "m", AssistantMessage.of("hi"), FinishReason.STOP, null,
        Usage.UNKNOWN, null, Duration.ZERO);

    ChatResponse decoded = ResponseCodec.decode(ResponseCodec.encode(original));

    assertThat(decoded).isEqualTo(original);
  }

  @Test
  void bytes_that_are_not_an_entry_of_this_format_do_not_decode() {
    String current = new String(ResponseCodec.encode(fullResponse()), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ResponseCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResponseCodec.decode(new byte[0])).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> ResponseCodec.decode(current.replace("\"format\":" + ResponseCodec.FORMAT_VERSION, "\"format\":99").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    assertThatThrownBy(() -> ResponseCodec.decode(current.replace("TOOL_CALLS", "EXPLODED").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResponseCodec.decode("{\"format\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void an_entry_with_a_field_this_version_does_not_know_still_decodes() {
    String current = new String(ResponseCodec.encode(fullResponse()), StandardCharsets.UTF_8);
    String later = current.replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");

    assertThat(ResponseCodec.decode(later.getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(fullResponse().message());
  }
}
