package dev.llmkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.Llms;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.core.routing.RoutingModule;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.RouterFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingConfigFileTest {
  private static final String ROUTED = """
      [llm]
      model = "acme/acme-large"
      num_retries = 0

      [llm.secondary_model]
      model = "acme/acme-mini"
      for_routing = true

      [llm.condenser]
      model = "acme/acme-mini"
      temperature = 0.0

      [llm.backup]
      model = "acme/acme-backup"
      for_routing = true

      [model_routing]
      router_name = "multimodal_router"
      max_conversations = 50
      fallbacks = ["backup", "secondary_model"]
      max_attempts = 3
      deadline = 90
      """;

  /** A stand-in for the multimodal router (routers/* are not on llm-core's class path): it picks "secondary". */
  private static final class SecondaryFirst implements RouterFactory {
    @Override public String id() {
      return "multimodal";
    }

    @Override public Set<String> settingKeys() {
      return Set.of("max_conversations", "fallbacks");
    }

    @Override public dev.llmkit.spi.Router create(Map<String, String> settings, dev.llmkit.spi.RouterContext context) {
      assertThat(settings).containsExactly(Map.entry("max_conversations", "50"), Map.entry("fallbacks", "backup,secondary_model"));
      String secondary = context.candidates().get(1).name();
      return new dev.llmkit.spi.Router() {
        @Override public RoutePlan plan(dev.llmkit.spi.RoutingRequest request) {
          return RoutePlan.single(secondary, "text only");
        }
      };
    }
  }

  private static RoutingLlm build(RoutingConfig config) {
    return LlmRouting.builder().config(config)
        .registry(PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of()))
        .router(new SecondaryFirst())
        .candidates((name, b) -> b.env(Map.of()))
        .build();
  }

  @Test
  void model_routing_gives_the_router_the_base_as_primary_and_the_for_routing_sections_in_file_order() {
    LlmConfigSet set = LlmConfigs.fromToml(ROUTED, "config.toml");

    RoutingConfig routing = set.routing().orElseThrow();

    assertThat(routing.router()).as("OpenHands' multimodal_router is llmkit's multimodal").isEqualTo("multimodal");
    assertThat(routing.candidateNames()).containsExactly("primary", "secondary_model", "backup");
    assertThat(routing.candidates().get("primary")).isEqualTo(set.base());
    assertThat(routing.candidates().get("secondary_model")).isEqualTo(set.named("secondary_model"));
    assertThat(routing.candidates().get("backup").numRetries()).as("inherited from [llm]").isZero();
    assertThat(routing.settings()).containsEntry("max_conversations", "50").containsEntry("fallbacks", "backup,secondary_model");
    assertThat(set.requireRouting()).isEqualTo(routing);
  }

  @Test
  void the_routing_of_a_file_builds_a_routing_llm_that_routes() {
    RoutingLlm llm = build(LlmConfigs.fromToml(ROUTED, "config.toml").requireRouting());

    var response = llm.complete(ChatRequest.of(Message.user("hello")));

    assertThat(llm.candidateNames()).containsExactly("primary", "secondary_model", "backup");
    assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("secondary_model");
    assertThat(llm.candidate("secondary_model").model().name()).isEqualTo("acme-mini");
  }

  @Test
  void the_routing_of_a_file_binds_in_guice() {
    RoutingConfig routing = LlmConfigs.fromToml(ROUTED, "config.toml").requireRouting();

    RoutingLlm llm = Guice.createInjector(new RoutingModule(routing, b -> b
            .registry(PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of()))
            .router(new SecondaryFirst())
            .candidates((name, c) -> c.env(Map.of()))))
        .getInstance(RoutingLlm.class);

    assertThat(llm.routerId()).isEqualTo("multimodal");
    assertThat(llm.candidate("backup").model().name()).isEqualTo("acme-backup");
  }

  @Test
  void llms_routing_builds_from_the_routing_config_with_installed_routers() {
    RoutingConfig routing = LlmConfigs.fromToml(ROUTED, "config.toml").requireRouting();

    // No multimodal router is installed on llm-core's class path: Llms.routing reports it by the file's router.
    assertThatThrownBy(() -> Llms.routing(routing))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("no router 'multimodal' is installed");
  }

  @Test
  void noop_router_or_no_section_means_no_routing() {
    String noop = "[llm]\nmodel = \"acme-large\"\n[model_routing]\nrouter_name = \"noop_router\"\n";

    assertThat(LlmConfigs.fromToml(noop, "a.toml").routing()).isEmpty();
    assertThat(LlmConfigs.fromToml("[llm]\nmodel = \"acme-large\"\n[model_routing]\n", "b.toml").routing()).isEmpty();
    assertThat(LlmConfigs.fromToml("[llm]\nmodel = \"acme-large\"\n", "c.toml").routing()).isEmpty();
    assertThatThrownBy(() -> LlmConfigs.fromToml(noop, "a.toml").requireRouting())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("there is no [model_routing] section with a router_name other than noop_router");
  }

  @Test
  void router_ids_without_the_openhands_suffix_are_taken_as_they_are() {
    String toml = "[llm]\nmodel = \"acme-large\"\n[llm.b]\nfor_routing = true\n[model_routing]\nrouter_name = \"fallback\"\n";

    RoutingConfig routing = LlmConfigs.fromToml(toml, "a.toml").requireRouting();

    assertThat(routing.router()).isEqualTo("fallback");
    assertThat(routing.candidateNames()).containsExactly("primary", "b");
  }

  @Test
  void a_for_routing_section_named_primary_is_refused() {
    String toml = "[llm]\nmodel = \"acme-large\"\n[llm.primary]\nfor_routing = true\n[model_routing]\nrouter_name = \"x\"\n";

    assertThatThrownBy(() -> LlmConfigs.fromToml(toml, "a.toml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[llm.primary] is marked for_routing, but 'primary' is the routing name of the base [llm] config");
  }

  @Test
  void bad_routing_values_name_the_key_and_section() {
    String toml = "[llm]\nmodel = \"acme-large\"\n[model_routing]\nrouter_name = 3\nweights = { a = 1 }\n";

    assertThatThrownBy(() -> LlmConfigs.fromToml(toml, "a.toml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "key 'router_name' in [model_routing] must be a router name such as \"multimodal_router\" or \"fallback\","
                + " was a whole number",
            "key 'weights' in [model_routing] must be a string, number, boolean or an array of those (a setting of the"
                + " router), was a table"));
  }

  @Test
  void the_sample_openhands_file_routes_to_its_secondary_model() throws IOException {
    RoutingConfig routing = LlmConfigs.fromToml(TomlConfigTest.resource("openhands-config.toml"), "config.toml")
        .requireRouting();

    assertThat(routing.router()).isEqualTo("multimodal");
    assertThat(routing.candidateNames()).containsExactly("primary", "secondary_model");
    assertThat(routing.candidates().values()).extracting(c -> c.model()).containsExactly("acme/acme-large", "acme/acme-kimi");
    assertThat(routing.candidates().get("secondary_model").maxInputTokens()).isEqualTo(128_000);
  }
}
