package dev.llmkit.spi.support;

import static dev.llmkit.spi.support.Bytes.buffer;
import static dev.llmkit.spi.support.Bytes.oneByteAtATime;
import static dev.llmkit.spi.support.Bytes.splitAt;
import static dev.llmkit.spi.support.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {
  private static final String L1 = "{\"message\":{\"content\":\"Hé\"},\"done\":false}";
  private static final String L2 = "{\"message\":{\"content\":\"llo 🎉\"},\"done\":false}";
  private static final String L3 = "{\"done\":true,\"eval_count\":7}";

  private static List<String> decode(List<ByteBuffer> buffers) {
    NdjsonDecoder decoder = new NdjsonDecoder();
    List<String> out = new ArrayList<>();
    for (ByteBuffer b : buffers) {
      decoder.feed(b, out::add);
    }
    decoder.finish(out::add);
    return out;
  }

  @Test
  void deliversOneStringPerLine() {
    assertThat(decode(List.of(buffer(L1 + "\n" + L2 + "\n" + L3 + "\n")))).containsExactly(L1, L2, L3);
  }

  @Test
  void skipsBlankAndWhitespaceOnlyLines() {
    assertThat(decode(List.of(buffer("\n" + L1 + "\n\n   \n\t\n" + L2 + "\n\n")))).containsExactly(L1, L2);
  }

  @Test
  void acceptsCrLfLineEnds() {
    assertThat(decode(List.of(buffer(L1 + "\r\n" + L2 + "\r\n")))).containsExactly(L1, L2);
  }

  @Test
  void deliversALastLineWithoutNewlineAtFinish() {
    assertThat(decode(List.of(buffer(L1 + "\n" + L3)))).containsExactly(L1, L3);
  }

  @Test
  void joinsLinesSplitAcrossBuffersAtEveryByteOffset() {
    String body = L1 + "\n" + L2 + "\n";
    for (int at = 0; at <= utf8(body).length; at++) {
      assertThat(decode(splitAt(body, at))).as("split at %d", at).containsExactly(L1, L2);
    }
  }

  @Test
  void decodesABodyFedOneByteAtATime() {
    assertThat(decode(oneByteAtATime(L1 + "\n" + L2 + "\n" + L3))).containsExactly(L1, L2, L3);
  }

  @Test
  void deliversNothingUntilALineIsComplete() {
    NdjsonDecoder decoder = new NdjsonDecoder();
    List<String> out = new ArrayList<>();

    decoder.feed(buffer("{\"done\":"), out::add);
    assertThat(out).isEmpty();
    decoder.feed(buffer("true}\n"), out::add);

    assertThat(out).containsExactly("{\"done\":true}");
  }
}
