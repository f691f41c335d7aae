package dev.llmkit.core.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatResponse} as the bytes of a cache entry (JSON) and back. Kept: the answer's blocks in
 * their order (text with its provider metadata, reasoning with signatures and redacted data, tool calls
 * with their arguments and provider metadata, provider-opaque blocks verbatim), so that a hit replays
 * the turn exactly as the provider gave it;
 * the finish reason and the provider's raw one, usage, the response id, provider, model and the provider's
 * request id. Left out: what belongs to the call that made the answer, not to the answer: its cost and
 * latency (a hit has its own), rate limits and retry hints (stale by the time of a hit), the cost the
 * provider reported, and the call's attributes.
 *
 * <p>{@link #decode} throws on anything it cannot read back whole (not JSON, another format version, a
 * missing field, an unknown finish reason); the stage treats that as a miss.
 */
final class ResponseCodec {
  static final int FORMAT_VERSION = 2;

  private static final ObjectMapper JSON = JsonMapper.builder()
      // An entry written by a later version with fields this one does not know still reads.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private ResponseCodec() {}

  static byte[] encode(ChatResponse response) {
    AssistantMessage message = response.message();
    Entry entry = new Entry(FORMAT_VERSION, response.id(), response.provider(), response.model(),
        message.blocks().stream().map(Block::of).toList(), response.finishReason().name(), response.rawFinishReason(), Counts.of(response.usage()),
        response.metadata().requestId());
    try {
      return JSON.writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the response for the cache: " + e.getOriginalMessage(), e);
    }
  }

  /** The response in {@code bytes}, with no cost, zero latency and no attributes; throws when unreadable. */
  static ChatResponse decode(byte[] bytes) {
    Entry entry;
    try {
      entry = JSON.readValue(bytes, Entry.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a cache entry: " + e.getMessage(), e);
    }
    if (entry == null || entry.format() != FORMAT_VERSION) {
      throw new IllegalArgumentException("cache entry of format " + (entry == null ? "none" : entry.format())
          + ", this version reads " + FORMAT_VERSION);
    }
    AssistantMessage message = AssistantMessage.ofBlocks(entry.blocks().stream().map(Block::toBlock).toList());
    return new ChatResponse(entry.id(), entry.provider(), entry.model(), message,
        FinishReason.valueOf(entry.finishReason()), entry.rawFinishReason(), entry.usage().toUsage(), null, Duration.ZERO,
        ResponseMetadata.of(entry.requestId(), RateLimits.NONE, null, null));
  }

  /** One entry as JSON; the names are the format, change {@link #FORMAT_VERSION} with them. */
  record Entry(int format, String id, String provider, String model, List<Block> blocks, String finishReason,
      @Nullable String rawFinishReason, Counts usage, @Nullable String requestId) {}

  /**
   * One block of the answer; {@code kind} says which ({@code text}, {@code reasoning}, {@code tool_call},
   * {@code opaque}) and only that kind's fields are set.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Block(String kind, @Nullable String text, @Nullable Map<String, String> metadata, @Nullable String signature,
      @Nullable String redactedData, @Nullable String id, @Nullable String name, @Nullable String arguments,
      @Nullable String provider, @Nullable String type, @Nullable String json) {

    static Block of(AssistantBlock block) {
      if (block instanceof AssistantBlock.Text t) {
        return new Block("text", t.text(), t.providerMetadata(), null, null, null, null, null, null, null, null);
      }
      if (block instanceof Reasoning r) {
        return new Block("reasoning", r.text(), null, r.signature(), r.redactedData(), null, null, null, null, null, null);
      }
      if (block instanceof ToolCall c) {
        return new Block("tool_call", null, c.providerMetadata(), null, null, c.id(), c.name(), c.arguments(), null, null, null);
      }
      AssistantBlock.Opaque o = (AssistantBlock.Opaque) block;
      return new Block("opaque", null, null, null, null, null, null, null, o.provider(), o.type(), o.json());
    }

    AssistantBlock toBlock() {
      return switch (kind) {
        case "text" -> new AssistantBlock.Text(Objects.requireNonNull(text, "text"), metadata == null ? Map.of() : metadata);
        case "reasoning" -> new Reasoning(Objects.requireNonNull(text, "text"), signature, redactedData);
        case "tool_call" -> new ToolCall(Objects.requireNonNull(id, "id"), Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(arguments, "arguments"), metadata == null ? Map.of() : metadata);
        case "opaque" -> new AssistantBlock.Opaque(Objects.requireNonNull(provider, "provider"),
            Objects.requireNonNull(type, "type"), Objects.requireNonNull(json, "json"));
        default -> throw new IllegalArgumentException("unknown block kind '" + kind + "'");
      };
    }
  }

  /**
   * The usage. {@code cacheWrite1h} was added within format 2: an entry written before it reads as not
   * telling the 1-hour writes apart, and an earlier reader skips it.
   */
  record Counts(@Nullable Long input, @Nullable Long output, @Nullable Long cacheRead, @Nullable Long cacheWrite,
      @Nullable Long reasoning, @Nullable Long cacheWrite1h) {

    static Counts of(Usage u) {
      return new Counts(u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.reasoningTokens(),
          u.cacheWrite1hTokens());
    }

    Usage toUsage() {
      return new Usage(input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h);
    }
  }
}
