package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ContentPart;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImageSizeTest {

  @Test
  void readsPngJpegAndGifHeaders() throws IOException {
    assertThat(ImageSize.parse(TiktokenCounterTest.image("png", 640, 480))).isEqualTo(new ImageSize(640, 480));
    assertThat(ImageSize.parse(TiktokenCounterTest.image("jpg", 33, 1200))).isEqualTo(new ImageSize(33, 1200));
    assertThat(ImageSize.parse(TiktokenCounterTest.image("gif", 300, 7))).isEqualTo(new ImageSize(300, 7));
  }

  @Test
  void readsTheThreeWebpHeaders() {
    // RIFF....WEBP, then a VP8X chunk: flags, 3 reserved bytes, 24-bit width-1 and height-1 (the WebP container spec)
    byte[] vp8x = webp("VP8X", new byte[] {0, 0, 0, 0, (byte) 0xFF, 0x03, 0, (byte) 0xFF, 0x01, 0});
    assertThat(ImageSize.parse(vp8x)).isEqualTo(new ImageSize(1024, 512));
    // VP8L: signature 0x2F, then 14 bits width-1 (799) and 14 bits height-1 (599)
    int bits = 799 | 599 << 14;
    byte[] vp8l = webp("VP8L", new byte[] {0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24), 0, 0, 0, 0, 0});
    assertThat(ImageSize.parse(vp8l)).isEqualTo(new ImageSize(800, 600));
    // VP8: 3-byte frame tag, start code 9D 01 2A, 14-bit width and height
    byte[] vp8 = webp("VP8 ", new byte[] {0, 0, 0, (byte) 0x9D, 0x01, 0x2A, (byte) 0x80, 0x02, (byte) 0xE0, 0x01});
    assertThat(ImageSize.parse(vp8)).isEqualTo(new ImageSize(640, 480));
  }

  @Test
  void unknownOrTruncatedBytesHaveNoSize() {
    assertThat(ImageSize.parse(new byte[] {1, 2, 3})).isNull();
    assertThat(ImageSize.parse(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00})).isNull();
    assertThat(ImageSize.of(ContentPart.Image.ofUrl("https://example.com/a.png"))).isNull();
    assertThat(ImageSize.of(new ContentPart.Image(null, "not base64 at all!", "image/png", ContentPart.ImageDetail.AUTO))).isNull();
  }

  @Test
  void readsInlineAndDataUrlImages() throws IOException {
    byte[] png = TiktokenCounterTest.image("png", 64, 32);
    assertThat(ImageSize.of(ContentPart.Image.ofBytes(png, "image/png"))).isEqualTo(new ImageSize(64, 32));
    String mime = Base64.getMimeEncoder().encodeToString(png); // with line breaks
    assertThat(ImageSize.of(new ContentPart.Image(null, mime, "image/png", ContentPart.ImageDetail.AUTO))).isEqualTo(new ImageSize(64, 32));
    assertThat(ImageSize.of(ContentPart.Image.ofUrl("data:image/png;base64," + Base64.getEncoder().encodeToString(png))))
        .isEqualTo(new ImageSize(64, 32));
  }

  private static byte[] webp(String chunk, byte[] payload) {
    byte[] b = new byte[20 + payload.length];
    System.arraycopy("RIFF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, 0, 4);
    System.arraycopy("WEBP".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, 8, 4);
    System.arraycopy(chunk.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, 12, 4);
    System.arraycopy(payload, 0, b, 20, payload.length);
    return b;
  }
}
