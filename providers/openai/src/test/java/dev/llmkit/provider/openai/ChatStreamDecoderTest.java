package dev.llmkit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.Redactor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder on its own, fed byte ranges chosen to split where networks split. */
class ChatStreamDecoderTest {
  private final ChatStreamDecoder decoder = new ChatStreamDecoder("openai", "gpt-4o",
      new ErrorMapper("openai", "gpt-4o", Clock.systemUTC(), new Redactor(null)), Clock.systemUTC());
  private final List<ChatEvent> events = new ArrayList<>();

  private void feed(byte[] bytes, int from, int to) {
    decoder.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to)), events::add);
  }

  @Test
  void aCharacterSplitInsideItsBytesIsDecodedWhole() {
    byte[] body = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"€uro\"}}]}\n\ndata: [DONE]\n\n")
        .getBytes(StandardCharsets.UTF_8);
    int euro = indexOf(body, (byte) 0xE2); // the first of the euro sign's three bytes

    feed(body, 0, euro + 1);
    feed(body, euro + 1, euro + 2);
    feed(body, euro + 2, body.length);
    decoder.finish(events::add);

    assertThat(events.get(0)).isEqualTo(new ChatEvent.TextDelta("€uro", 0));
    assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void doneWithoutItsTrailingBlankLineStillCompletesAtEndOfInput() {
    byte[] body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]"
        .getBytes(StandardCharsets.UTF_8);

    feed(body, 0, body.length);
    decoder.finish(events::add);

    assertThat(events).last().isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void finishingBeforeDoneThrowsATruncationError() {
    byte[] body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    feed(body, 0, body.length);

    assertThatThrownBy(() -> decoder.finish(events::add))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
          assertThat(e.getMessage()).contains("finish_reason 'stop' had arrived");
        });
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }
}
