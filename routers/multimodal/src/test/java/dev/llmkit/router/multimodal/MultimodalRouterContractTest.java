package dev.llmkit.router.multimodal;

import dev.llmkit.spi.RouterFactory;
import dev.llmkit.testkit.routing.RouterContractTest;
import java.util.Map;
import java.util.Optional;

class MultimodalRouterContractTest extends RouterContractTest {
  @Override
  protected RouterFactory factory() {
    return new MultimodalRouterFactory();
  }

  @Override
  protected Optional<Map<String, String>> settingsNamingUnknownCandidate() {
    return Optional.of(Map.of(MultimodalRouterFactory.SECONDARY, "nobody"));
  }
}
