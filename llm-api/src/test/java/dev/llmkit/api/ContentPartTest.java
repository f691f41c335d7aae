package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContentPartTest {

  @Nested
  class Images {

    @Test
    void anImageByUrlIsItsOwnUrl() {
      ContentPart.Image image = ContentPart.Image.ofUrl("https://example.com/cat.png");

      assertThat(image.asUrl()).isEqualTo("https://example.com/cat.png");
      assertThat(image.base64Data()).isNull();
      assertThat(image.mediaType()).isNull();
      assertThat(image.detail()).isEqualTo(ContentPart.ImageDetail.AUTO);
    }

    @Test
    void anInlineImageBecomesADataUrl() {
      byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
      ContentPart.Image image = ContentPart.Image.ofBytes(png, "image/png");

      assertThat(image.base64Data()).isEqualTo(Base64.getEncoder().encodeToString(png));
      assertThat(image.asUrl()).isEqualTo("data:image/png;base64,iVBORw==");
      assertThat(image.url()).isNull();
    }

    @Test
    void anImageNeedsExactlyOneOfUrlAndData() {
      assertThatThrownBy(() -> new ContentPart.Image(null, null, null, ContentPart.ImageDetail.AUTO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an image needs exactly one of url or base64Data");
      assertThatThrownBy(() -> new ContentPart.Image("https://x/y.png", "AAAA", "image/png", ContentPart.ImageDetail.AUTO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an image needs exactly one of url or base64Data");
    }

    @Test
    void anInlineImageNeedsAMediaType() {
      assertThatThrownBy(() -> new ContentPart.Image(null, "AAAA", null, ContentPart.ImageDetail.AUTO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mediaType");
    }

    @Test
    void anImageNeedsADetail() {
      assertThatThrownBy(() -> new ContentPart.Image("https://x/y.png", null, null, null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void withDetailChangesOnlyTheDetail() {
      ContentPart.Image image = ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/jpeg");

      ContentPart.Image low = image.withDetail(ContentPart.ImageDetail.LOW);

      assertThat(low.detail()).isEqualTo(ContentPart.ImageDetail.LOW);
      assertThat(low.asUrl()).isEqualTo(image.asUrl());
      assertThat(image.detail()).isEqualTo(ContentPart.ImageDetail.AUTO);
    }

    @Test
    void aUserMessageKnowsWhenItCarriesAnImage() {
      UserMessage withImage = Message.user(ContentPart.text("look"), ContentPart.Image.ofUrl("https://x/y.png"));

      assertThat(withImage.hasImages()).isTrue();
      assertThat(withImage.text()).isEqualTo("look");
      assertThat(Message.user("no image").hasImages()).isFalse();
    }
  }

  @Nested
  class Documents {

    @Test
    void aDocumentHoldsItsBytesAsBase64() {
      ContentPart.Document doc = ContentPart.Document.ofBytes("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "application/pdf");

      assertThat(new String(Base64.getDecoder().decode(doc.base64Data()), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
      assertThat(doc.mediaType()).isEqualTo("application/pdf");
      assertThat(doc.title()).isNull();
    }

    @Test
    void aDocumentNeedsDataAndAMediaType() {
      assertThatThrownBy(() -> new ContentPart.Document(null, "application/pdf", null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new ContentPart.Document("AAAA", null, null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void textIsRequired() {
    assertThatThrownBy(() -> ContentPart.text(null)).isInstanceOf(NullPointerException.class);
  }
}
