package dev.llmkit.spi.support;

import static dev.llmkit.spi.support.Bytes.buffer;
import static dev.llmkit.spi.support.Bytes.oneByteAtATime;
import static dev.llmkit.spi.support.Bytes.splitAt;
import static dev.llmkit.spi.support.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  @org.junit.jupiter.api.Test
  void aLeadingByteOrderMarkIsDroppedAndLaterOnesAreKept() {
    SseDecoder decoder = new SseDecoder();
    java.util.List<SseEvent> events = new java.util.ArrayList<>();
    byte[] bytes = "\uFEFFdata: one\n\ndata: \uFEFFtwo\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    decoder.feed(java.nio.ByteBuffer.wrap(bytes, 0, 2), events::add); // the BOM split across reads
    decoder.feed(java.nio.ByteBuffer.wrap(bytes, 2, bytes.length - 2), events::add);

    org.assertj.core.api.Assertions.assertThat(events).extracting(SseEvent::data).containsExactly("one", "\uFEFFtwo");
  }

  private static List<SseEvent> decode(List<ByteBuffer> buffers, boolean finish) {
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> out = new ArrayList<>();
    for (ByteBuffer b : buffers) {
      decoder.feed(b, out::add);
    }
    if (finish) {
      decoder.finish(out::add);
    }
    return out;
  }

  private static List<SseEvent> decode(String body) {
    return decode(List.of(buffer(body)), true);
  }

  private static SseEvent data(String data) {
    return new SseEvent(null, data);
  }

  @Nested
  class Fields {

    @Test
    void aBlankLineEndsEachEvent() {
      assertThat(decode("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n")).containsExactly(data("{\"a\":1}"), data("{\"a\":2}"));
    }

    @Test
    void severalDataLinesAreJoinedWithLineFeeds() {
      assertThat(decode("data: first\ndata: second\ndata:\ndata: fourth\n\n"))
          .containsExactly(data("first\nsecond\n\nfourth"));
    }

    @Test
    void theEventFieldNamesTheEventAndIsResetAfterIt() {
      String body = "event: content_block_delta\ndata: {\"x\":1}\n\ndata: {\"y\":2}\n\n";

      assertThat(decode(body)).containsExactly(new SseEvent("content_block_delta", "{\"x\":1}"), data("{\"y\":2}"));
    }

    @Test
    void idRetryAndUnknownFieldsAreIgnored() {
      String body = "id: 42\nretry: 1000\nfoo: bar\ndata: payload\nid: 43\n\n";

      assertThat(decode(body)).containsExactly(data("payload"));
    }

    @Test
    void exactlyOneSpaceAfterTheColonIsStripped() {
      assertThat(decode("data:no-space\n\ndata: one\n\ndata:  two\n\ndata:\tTab\n\n"))
          .containsExactly(data("no-space"), data("one"), data(" two"), data("\tTab"));
    }

    @Test
    void onlyTheFirstColonSplitsTheField() {
      assertThat(decode("data: {\"url\":\"https://x\"}\n\n")).containsExactly(data("{\"url\":\"https://x\"}"));
    }

    @Test
    void aFieldWithoutAColonHasAnEmptyValue() {
      assertThat(decode("data\n\n")).containsExactly(data(""));
      assertThat(decode("event\ndata: x\n\n")).containsExactly(new SseEvent("", "x"));
    }

    @Test
    void anEventWithoutDataIsNotDispatched() {
      assertThat(decode("event: ping\n\n\n\ndata: after\n\n")).containsExactly(data("after"));
    }

    @Test
    void anEmptyDataFieldIsStillAnEvent() {
      assertThat(decode("data:\n\n")).containsExactly(data(""));
    }

    @Test
    void fieldNamesAreCaseSensitive() {
      assertThat(decode("Data: x\nDATA: y\ndata: z\n\n")).containsExactly(data("z"));
    }
  }

  @Nested
  class Comments {

    @Test
    void commentLinesAreIgnored() {
      String body = ": keep-alive\n\n: OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n:inline comment\n\n";

      assertThat(decode(body)).containsExactly(data("{\"a\":1}"));
    }

    @Test
    void aBodyOfOnlyKeepAlivesHasNoEvents() {
      assertThat(decode(":\n\n: ping\n\n")).isEmpty();
    }
  }

  @Nested
  class Framing {

    @Test
    void geminiStyleCrLfFramingDecodes() {
      String body = "data: {\"candidates\":[1]}\r\n\r\ndata: {\"candidates\":[2]}\r\n\r\n";

      assertThat(decode(body)).containsExactly(data("{\"candidates\":[1]}"), data("{\"candidates\":[2]}"));
    }

    @Test
    void loneCarriageReturnFramingDecodes() {
      assertThat(decode("event: e\rdata: a\rdata: b\r\r")).containsExactly(new SseEvent("e", "a\nb"));
    }

    @Test
    void anEventSplitIntoOneByteBuffersDecodesTheSame() {
      String body = "event: message_start\r\ndata: {\"t\":\"héllo 🎉\"}\r\n: c\r\n\r\ndata: [DONE]\r\n\r\n";

      assertThat(decode(oneByteAtATime(body), false))
          .containsExactly(new SseEvent("message_start", "{\"t\":\"héllo 🎉\"}"), data("[DONE]"));
    }

    @Test
    void anEventSplitAtEveryByteOffsetDecodesTheSame() {
      String body = "data: {\"t\":\"größe 世界\"}\r\n\r\ndata: two\n\n";
      for (int at = 0; at <= utf8(body).length; at++) {
        assertThat(decode(splitAt(body, at), false)).as("split at %d", at)
            .containsExactly(data("{\"t\":\"größe 世界\"}"), data("two"));
      }
    }

    @Test
    void nothingIsDispatchedUntilTheBlankLineArrives() {
      SseDecoder decoder = new SseDecoder();
      List<SseEvent> out = new ArrayList<>();

      decoder.feed(buffer("data: a\n"), out::add);
      decoder.feed(buffer("data: b\n"), out::add);
      assertThat(out).isEmpty();
      decoder.feed(buffer("\n"), out::add);

      assertThat(out).containsExactly(data("a\nb"));
    }
  }

  @Nested
  class EndOfInput {

    @Test
    void aLastEventWithoutItsBlankLineIsFlushed() {
      assertThat(decode("data: one\n\ndata: last")).containsExactly(data("one"), data("last"));
      assertThat(decode("event: e\ndata: last\n")).containsExactly(new SseEvent("e", "last"));
      assertThat(decode("data: last\r\n")).containsExactly(data("last"));
    }

    @Test
    void finishAfterACompleteEventAddsNothing() {
      assertThat(decode("data: one\n\n")).containsExactly(data("one"));
    }

    @Test
    void aTrailingCommentOrEventNameAloneFlushesNothing() {
      assertThat(decode("data: one\n\n: bye")).containsExactly(data("one"));
      assertThat(decode("data: one\n\nevent: orphan")).containsExactly(data("one"));
    }
  }

  @Test
  void anEventWhoseDataLinesTogetherPassTheLimitFails() {
    SseDecoder decoder = new SseDecoder(16);
    java.util.List<SseEvent> out = new java.util.ArrayList<>();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.feed(java.nio.ByteBuffer.wrap(
            "data: 0123456\ndata: 7890123\ndata: 456\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), out::add))
        .isInstanceOfSatisfying(dev.llmkit.api.LlmException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(dev.llmkit.api.ErrorKind.MALFORMED_RESPONSE));
    org.assertj.core.api.Assertions.assertThat(out).isEmpty();
  }
}
