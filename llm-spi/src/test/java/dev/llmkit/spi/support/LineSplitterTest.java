package dev.llmkit.spi.support;

import static dev.llmkit.spi.support.Bytes.buffer;
import static dev.llmkit.spi.support.Bytes.oneByteAtATime;
import static dev.llmkit.spi.support.Bytes.splitAt;
import static dev.llmkit.spi.support.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private static List<String> lines(List<ByteBuffer> buffers, boolean finish) {
    LineSplitter splitter = new LineSplitter();
    List<String> out = new ArrayList<>();
    for (ByteBuffer b : buffers) {
      splitter.feed(b, out::add);
    }
    if (finish) {
      splitter.finish(out::add);
    }
    return out;
  }

  private static List<String> lines(String text) {
    return lines(List.of(buffer(text)), true);
  }

  @Nested
  class LineEnds {

    @Test
    void splitsAtLineFeeds() {
      assertThat(lines("a\nbb\n\nccc\n")).containsExactly("a", "bb", "", "ccc");
    }

    @Test
    void splitsAtCrLfWithoutAnExtraEmptyLine() {
      assertThat(lines("a\r\nbb\r\n\r\nccc\r\n")).containsExactly("a", "bb", "", "ccc");
    }

    @Test
    void splitsAtALoneCarriageReturn() {
      assertThat(lines("a\rbb\r\rccc\r")).containsExactly("a", "bb", "", "ccc");
    }

    @Test
    void handlesMixedLineEnds() {
      assertThat(lines("a\r\nb\nc\rd\n\re")).containsExactly("a", "b", "c", "d", "", "e");
    }

    @Test
    void aCrLfSplitAcrossBuffersEndsOneLine() {
      assertThat(lines(splitAt("one\r\ntwo\r\n", 4), false)).containsExactly("one", "two");
      assertThat(lines(List.of(buffer("one\r"), buffer("\n"), buffer("\r"), buffer("\ntwo\r\n")), false))
          .containsExactly("one", "", "two");
    }

    @Test
    void aCarriageReturnThenLineFeedInTheNextBufferIsNotABlankLine() {
      assertThat(lines(List.of(buffer("data: x\r"), buffer("\n"), buffer("next\n")), false))
          .containsExactly("data: x", "next");
    }

    @Test
    void everyByteInItsOwnBufferGivesTheSameLines() {
      String text = "a\r\nb\rc\n\r\nd";

      assertThat(lines(oneByteAtATime(text), true)).isEqualTo(lines(text));
    }

    @Test
    void keepsOtherWhitespace() {
      assertThat(lines("  a b \t\n")).containsExactly("  a b \t");
    }
  }

  @Nested
  class Utf8 {
    private static final String TEXT = "héllo wörld — 世界 🎉 ok\nzweite Zeile ✓\n";

    @Test
    void decodesMultiByteCharactersSplitAtEveryByteOffset() {
      int length = utf8(TEXT).length;
      for (int at = 0; at <= length; at++) {
        assertThat(lines(splitAt(TEXT, at), true))
            .as("split at byte %d", at)
            .containsExactly("héllo wörld — 世界 🎉 ok", "zweite Zeile ✓");
      }
    }

    @Test
    void decodesMultiByteCharactersFedOneByteAtATime() {
      assertThat(lines(oneByteAtATime(TEXT), true)).containsExactly("héllo wörld — 世界 🎉 ok", "zweite Zeile ✓");
    }

    @Test
    void decodesAFourByteCharacterSplitIntoFourBuffers() {
      // 🎉 is F0 9F 8E 89
      assertThat(lines(splitAt("🎉\n", 1, 2, 3), false)).containsExactly("🎉");
    }
  }

  @Nested
  class Finish {

    @Test
    void emitsATrailingLineWithoutTerminator() {
      assertThat(lines("first\nlast")).containsExactly("first", "last");
    }

    @Test
    void emitsNothingWhenTheInputEndedWithALineEnd() {
      assertThat(lines("first\n")).containsExactly("first");
      assertThat(lines("first\r")).containsExactly("first");
      assertThat(lines("")).isEmpty();
    }

    @Test
    void nothingIsEmittedBeforeTheLineEndsOrTheInputFinishes() {
      LineSplitter splitter = new LineSplitter();
      List<String> out = new ArrayList<>();

      splitter.feed(buffer("partial"), out::add);
      assertThat(out).isEmpty();
      splitter.feed(buffer(" line"), out::add);
      assertThat(out).isEmpty();
      splitter.finish(out::add);

      assertThat(out).containsExactly("partial line");
    }

    @Test
    void consumesTheWholeBuffer() {
      ByteBuffer b = buffer("a\nb");

      new LineSplitter().feed(b, line -> { });

      assertThat(b.hasRemaining()).isFalse();
    }
  }

  @org.junit.jupiter.api.Nested
  class Limit {
    private final java.util.List<String> out = new java.util.ArrayList<>();

    @Test
    void aLineOfExactlyTheLimitPasses() {
      LineSplitter splitter = new LineSplitter(8);

      splitter.feed(java.nio.ByteBuffer.wrap("12345678\nabc".getBytes(StandardCharsets.UTF_8)), out::add);
      splitter.feed(java.nio.ByteBuffer.wrap("defgh\n".getBytes(StandardCharsets.UTF_8)), out::add);

      org.assertj.core.api.Assertions.assertThat(out).containsExactly("12345678", "abcdefgh");
    }

    @Test
    void aLongerLineFailsWithATypedErrorInsideOneBuffer() {
      LineSplitter splitter = new LineSplitter(8);

      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              splitter.feed(java.nio.ByteBuffer.wrap("123456789\n".getBytes(StandardCharsets.UTF_8)), out::add))
          .isInstanceOfSatisfying(dev.llmkit.api.LlmException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(dev.llmkit.api.ErrorKind.MALFORMED_RESPONSE);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(ReadLimits.MAX_LINE_BYTES_PROPERTY);
          });
    }

    @Test
    void anUnterminatedLineFailsAsSoonAsItPassesTheLimitAcrossBuffers() {
      LineSplitter splitter = new LineSplitter(8);
      splitter.feed(java.nio.ByteBuffer.wrap("12345".getBytes(StandardCharsets.UTF_8)), out::add);

      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              splitter.feed(java.nio.ByteBuffer.wrap("6789".getBytes(StandardCharsets.UTF_8)), out::add))
          .isInstanceOf(dev.llmkit.api.LlmException.class);
      org.assertj.core.api.Assertions.assertThat(out).isEmpty();
    }

    @Test
    void theDefaultIsEightMebibytesAndASystemPropertyChangesIt() {
      org.assertj.core.api.Assertions.assertThat(new LineSplitter().maxLineBytes()).isEqualTo(8 << 20);
      String before = System.getProperty(ReadLimits.MAX_LINE_BYTES_PROPERTY);
      System.setProperty(ReadLimits.MAX_LINE_BYTES_PROPERTY, "1024");
      try {
        org.assertj.core.api.Assertions.assertThat(new LineSplitter().maxLineBytes()).isEqualTo(1024);
        System.setProperty(ReadLimits.MAX_LINE_BYTES_PROPERTY, "nonsense");
        org.assertj.core.api.Assertions.assertThat(new LineSplitter().maxLineBytes()).isEqualTo(8 << 20);
      } finally {
        if (before == null) {
          System.clearProperty(ReadLimits.MAX_LINE_BYTES_PROPERTY);
        } else {
          System.setProperty(ReadLimits.MAX_LINE_BYTES_PROPERTY, before);
        }
      }
    }
  }
}
