package dev.llmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Message;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireView;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Vision: an inline image reaches the wire next to its text. */
interface VisionContract extends ContractPart {
  /** A 1x1 PNG. */
  String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";

  @BeforeEach
  default void requireVision() {
    requireCapability(Capability.VISION);
  }

  @Test
  default void anInlineImageReachesTheWire() {
    byte[] png = Base64.getDecoder().decode(PIXEL);
    server().reply(MockReply.text("A single pixel."));

    ChatResponse response = complete(ChatRequest.of(
        Message.user(ContentPart.text("What is in this picture?"), ContentPart.Image.ofBytes(png, "image/png"))));

    assertThat(response.text()).isEqualTo("A single pixel.");
    assertThat(sent().problems()).as("what the real API would refuse").isEmpty();
    List<WireView.Turn> turns = sent().turns();
    assertThat(turns).hasSize(1);
    assertThat(turns.get(0).images()).singleElement().satisfies(image -> {
      assertThat(image.data()).isEqualTo(Base64.getEncoder().encodeToString(png));
      // null where the format sends no media type (Ollama's raw base64)
      assertThat(image.mediaType()).isIn(null, "image/png");
    });
    assertThat(turns.get(0).text()).contains("What is in this picture?");
  }
}
