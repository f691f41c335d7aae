package dev.llmkit.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.Llms;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.fake.DescribedProviderFactory;
import dev.llmkit.spi.ProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code Llm}'s model takes its features from the catalog the {@code Llm} is costed with. */
class ModelFeaturesWiringTest {
  private static final ProviderFactory GATEWAY = DescribedProviderFactory.anyModelServer("gateway", Map.of());

  @TempDir Path dir;

  @Test
  void aUserCatalogEntryGivesAnUnknownModelItsFeaturesAndLimits() throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        [{"provider": "gateway", "model": "house-model", "input": "0", "output": "0",
          "maxInputTokens": 12000, "maxOutputTokens": 3000, "capabilities": ["function_calling"]}]
        """);
    LlmConfig config = LlmConfig.of("gateway/house-model");

    Llm plain = Llms.builder().config(config).provider(GATEWAY).build();
    Llm catalogued = Llms.builder().config(config).provider(GATEWAY)
        .priceCatalog(PriceCatalog.bundled().withUserFile(file)).build();

    assertThat(plain.model().features().nativeToolCalling()).isFalse();
    assertThat(catalogued.model().features().nativeToolCalling()).isTrue();
    assertThat(catalogued.model().contextWindow()).isEqualTo(12_000);
    assertThat(catalogued.model().maxOutputTokens()).isEqualTo(3_000);
  }
}
