package dev.llmkit.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.PriceSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {
  /** A private copy, so that registrations here never reach other tests through the shared catalog. */
  private final PriceCatalog catalog = PriceCatalog.bundled().copy();

  private String model(String provider, String name) {
    return catalog.find(provider, name).map(CatalogEntry::qualifiedName).orElse("<none>");
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Nested
  class Bundled {
    @Test
    void holds_at_least_300_chat_models_across_the_providers() {
      Map<String, Long> perProvider = catalog.entries().stream()
          .collect(Collectors.groupingBy(CatalogEntry::provider, TreeMap::new, Collectors.counting()));
      System.out.println("price catalog: " + catalog.entries().size() + " entries " + perProvider);
      assertThat(catalog.entries()).hasSizeGreaterThanOrEqualTo(300);
      assertThat(perProvider).containsKeys("openai", "azure", "anthropic", "gemini", "mistral", "groq", "deepseek",
          "xai", "together", "fireworks", "openrouter", "bedrock", "cerebras", "moonshot", "perplexity", "cohere");
      assertThat(perProvider.get("openai")).isGreaterThan(30);
      assertThat(perProvider.get("anthropic")).isGreaterThan(10);
      assertThat(perProvider.get("gemini")).isGreaterThan(10);
    }

    @Test
    void records_the_source_and_date_of_its_prices() {
      assertThat(catalog.pricesAsOf()).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(catalog.source()).contains("genai-prices", "MIT", "LiteLLM", "https://github.com/");
    }

    @Test
    void carries_limits_capabilities_and_one_hour_cache_writes() {
      CatalogEntry sonnet = catalog.find("anthropic", "claude-sonnet-4-5").orElseThrow();
      assertThat(sonnet.maxInputTokens()).isEqualTo(1_000_000);
      assertThat(sonnet.maxOutputTokens()).isEqualTo(64_000);
      assertThat(sonnet.capabilities()).contains(CatalogEntry.FUNCTION_CALLING, CatalogEntry.VISION,
          CatalogEntry.PROMPT_CACHING, CatalogEntry.REASONING, CatalogEntry.RESPONSE_SCHEMA);
      assertThat(sonnet.pricing().cacheWrite()).isEqualByComparingTo("0.00000375");
      assertThat(sonnet.pricing().cacheWrite1h()).isEqualByComparingTo("0.000006");
      assertThat(sonnet.pricing().tiers()).singleElement().satisfies(t -> {
        assertThat(t.aboveInputTokens()).isEqualTo(200_000);
        assertThat(t.wholeRequest()).isTrue();
        assertThat(t.pricing().input()).isEqualByComparingTo("0.000006");
      });
    }

    @Test
    void every_bundled_entry_is_found_under_its_own_id() {
      List<String> wrong = new ArrayList<>();
      for (CatalogEntry e : catalog.entries()) {
        Optional<CatalogEntry> found = catalog.find(e.provider(), e.model());
        if (found.isEmpty() || found.get() != e) {
          wrong.add(e.qualifiedName() + " -> " + found.map(CatalogEntry::qualifiedName).orElse("<none>"));
        }
      }
      assertThat(wrong).isEmpty();
    }

    @Test
    void read_provider_by_provider_it_holds_what_reading_the_whole_file_gives() throws IOException {
      List<CatalogEntry> whole;
      try (InputStream in = PriceCatalog.class.getResourceAsStream(PriceCatalog.RESOURCE)) {
        whole = CatalogFile.read(in, "resource", true).entries().stream().map(CatalogFile.Loaded::entry).toList();
      }
      assertThat(catalog.entries()).containsExactlyElementsOf(whole);
      assertThat(catalog.entries()).allSatisfy(e -> assertThat(catalog.sourceOf(e)).isEqualTo(PriceSource.CATALOG));
    }

    @Test
    void the_generated_layout_is_split_by_provider_and_any_other_is_read_whole() throws IOException {
      String text;
      try (InputStream in = PriceCatalog.class.getResourceAsStream(PriceCatalog.RESOURCE)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      CatalogSections.Split split = CatalogSections.of(text);
      assertThat(split).as("the bundled file is in the generator's layout").isNotNull();
      assertThat(split.arrays()).containsKeys("openai", "anthropic", "openrouter");
      assertThat(split.arrays().get("openai")).doesNotContain("\"provider\": \"anthropic\"");

      String pretty = "{\"models\": [\n  {\"provider\": \"openai\",\n   \"model\": \"m\", \"input\": \"1\", \"output\": \"2\"}\n]}\n";
      assertThat(CatalogSections.of(pretty)).isNull();
      assertThat(PriceCatalog.ofBundledText(pretty, "pretty").find("openai", "m")).isPresent();
    }

    @Test
    void a_provider_is_parsed_only_when_a_lookup_reaches_it() {
      String text = """
          {
           "source": "test",
           "models": [
            {"provider": "openai", "model": "gpt-x", "input": "0.000001", "output": "0.000002"},
            {"provider": "zeta", "model": "z-1", "input": "cheap", "output": "0.000002"}
           ]
          }
          """;
      PriceCatalog lazy = PriceCatalog.ofBundledText(text, "resource test.json");
      assertThat(lazy.find("openai", "gpt-x")).get().extracting(CatalogEntry::qualifiedName).isEqualTo("openai/gpt-x");
      assertThatThrownBy(() -> lazy.find("zeta", "z-1"))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessageContaining("resource test.json (provider zeta)")
          .hasMessageContaining("zeta/z-1")
          .hasMessageContaining("field \"input\": not a decimal number: \"cheap\"");
    }

    @Test
    void bundled_is_one_shared_instance_and_copies_are_independent() {
      assertThat(PriceCatalog.bundled()).isSameAs(PriceCatalog.bundled());
      PriceCatalog a = PriceCatalog.bundled().copy();
      PriceCatalog b = a.copy();
      a.register("acme", "rocket-1", ModelPricing.of(d("1"), d("2")));
      assertThat(a.find("acme", "rocket-1")).isPresent();
      assertThat(b.find("acme", "rocket-1")).isEmpty();
      assertThat(PriceCatalog.bundled().find("acme", "rocket-1")).isEmpty();
    }
  }

  @Nested
  class Names {
    @Test
    void case_and_provider_prefixes() {
      assertThat(model("openai", "gpt-4o")).isEqualTo("openai/gpt-4o");
      assertThat(model("OpenAI", "openai/GPT-4o")).isEqualTo("openai/gpt-4o");
      assertThat(model("gemini", "google/gemini-2.5-pro")).isEqualTo("gemini/gemini-2.5-pro");
      assertThat(model("gemini", "models/gemini-2.5-pro")).isEqualTo("gemini/gemini-2.5-pro");
      assertThat(model("google", "gemini-2.5-pro-preview-06-05")).isEqualTo("gemini/gemini-2.5-pro");
      assertThat(model("x-ai", "x-ai/grok-4")).isEqualTo("xai/grok-4-0709");
      assertThat(model("anthropic", "anthropic/claude-sonnet-4-5")).isEqualTo("anthropic/claude-sonnet-4-5");
    }

    @Test
    void dated_ids() {
      assertThat(model("anthropic", "claude-sonnet-4-5-20250929")).isEqualTo("anthropic/claude-sonnet-4-5");
      assertThat(model("anthropic", "claude-sonnet-4-20250514")).isEqualTo("anthropic/claude-sonnet-4-0");
      assertThat(model("anthropic", "claude-haiku-4-5@20251001")).isEqualTo("anthropic/claude-haiku-4-5");
      assertThat(model("openai", "gpt-4o-2024-08-06")).isEqualTo("openai/gpt-4o");
      assertThat(model("openai", "gpt-4.1-mini-2025-04-14")).isEqualTo("openai/gpt-4.1-mini");
      // not listed under this date: found by dropping the date
      assertThat(model("openai", "gpt-4.1-2026-01-01")).isEqualTo("openai/gpt-4.1");
    }

    @Test
    void the_most_specific_pattern_wins() {
      assertThat(model("gemini", "gemini-2.5-flash-lite-preview-06-17")).isEqualTo("gemini/gemini-2.5-flash-lite");
      assertThat(model("gemini", "gemini-3.5-flash-lite")).isEqualTo("gemini/gemini-3.5-flash-lite");
      assertThat(model("gemini", "gemini-3.5-flash-001")).isEqualTo("gemini/gemini-3.5-flash");
    }

    @Test
    void openrouter_names_and_the_vendor_they_embed() {
      assertThat(model("openrouter", "openrouter/anthropic/claude-sonnet-4")).isEqualTo("openrouter/anthropic/claude-sonnet-4");
      assertThat(model("openrouter", "anthropic/claude-sonnet-4.5")).isEqualTo("openrouter/anthropic/claude-sonnet-4.5");
      // not in OpenRouter's list under this spelling: the vendor's entry
      assertThat(model("openrouter", "openrouter/anthropic/claude-sonnet-4-5-20250929")).isEqualTo("anthropic/claude-sonnet-4-5");
      assertThat(model("openrouter", "openai/gpt-4o-2024-11-20")).isEqualTo("openrouter/openai/gpt-4o");
      assertThat(model("openrouter", "x-ai/grok-4-0709")).isEqualTo("xai/grok-4-0709");
      // a free variant is its own (zero-priced) entry, not the paid model without its tag
      CatalogEntry free = catalog.find("openrouter", "deepseek/deepseek-r1:free").orElseThrow();
      assertThat(free.pricing().input()).isEqualByComparingTo("0");
    }

    @Test
    void bedrock_ids() {
      assertThat(model("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0"))
          .isEqualTo("bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0");
      assertThat(model("bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"))
          .isEqualTo("bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0");
      assertThat(model("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
          .isEqualTo("bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0");
      assertThat(model("aws", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-opus-4-1-20250805-v1:0"))
          .isEqualTo("bedrock/anthropic.claude-opus-4-1-20250805-v1:0");
      assertThat(model("bedrock", "amazon.nova-pro-v1:0")).isEqualTo("bedrock/amazon.nova-pro-v1:0");
      assertThat(model("bedrock", "us.amazon.nova-lite-v1:0")).isEqualTo("bedrock/amazon.nova-lite-v1:0");
      // not priced on Bedrock in the catalog: Anthropic's entry
      assertThat(model("bedrock", "anthropic.claude-v2:1")).isEqualTo("anthropic/claude-2");
    }

    @Test
    void azure_deployments_named_after_openai_models() {
      assertThat(model("azure", "gpt-4o")).isEqualTo("openai/gpt-4o");
      assertThat(model("azure", "gpt-35-turbo")).isEqualTo("openai/gpt-3.5-turbo");
      assertThat(model("azure", "o3-mini")).isEqualTo("azure/o3-mini");
      assertThat(model("azure", "my-own-deployment")).isEqualTo("<none>");
    }

    @Test
    void ollama_tags_and_gguf_files() {
      catalog.register("ollama", "llama3.1", ModelPricing.of(d("0.0000001"), d("0.0000002")));
      catalog.register("lmstudio", "qwen2.5-7b-instruct", ModelPricing.of(d("0.0000001"), d("0.0000002")));
      assertThat(model("ollama", "llama3.1:8b")).isEqualTo("ollama/llama3.1");
      assertThat(model("ollama", "ollama/llama3.1:latest")).isEqualTo("ollama/llama3.1");
      assertThat(model("lmstudio", "Qwen2.5-7B-Instruct-GGUF")).isEqualTo("lmstudio/qwen2.5-7b-instruct");
      assertThat(model("lmstudio", "qwen2.5-7b-instruct-gguf:q4_k_m")).isEqualTo("lmstudio/qwen2.5-7b-instruct");
    }

    @Test
    void unknown_models_are_not_found() {
      assertThat(catalog.find("openai", "gpt-99-ultra")).isEmpty();
      assertThat(catalog.find("nobody", "gpt-4o")).isEmpty();
    }
  }

  @Nested
  class UserFiles {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
      Path f = dir.resolve("prices.json");
      Files.writeString(f, json, StandardCharsets.UTF_8);
      return f;
    }

    @Test
    void entries_replace_bundled_ones_and_keep_what_they_leave_out() throws IOException {
      PriceCatalog mine = catalog.withUserFile(file("""
          {"models": [
            {"provider": "anthropic", "model": "claude-sonnet-4-5", "input": "0.000002", "output": "0.00001"},
            {"provider": "acme", "model": "rocket-1", "match": ["rocket-1-*"], "input": 0.0000005, "output": "0.000001",
             "tiers": [{"aboveInputTokens": 100000, "input": "0.000001"}], "capabilities": ["vision"]}
          ]}"""));
      CatalogEntry sonnet = mine.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow();
      assertThat(sonnet.pricing().input()).isEqualByComparingTo("0.000002");
      assertThat(sonnet.pricing().cacheRead()).isNull(); // prices are never mixed with the bundled ones
      assertThat(sonnet.pricing().tiers()).isEmpty();
      assertThat(sonnet.maxInputTokens()).isEqualTo(1_000_000); // kept from the bundled entry
      assertThat(sonnet.capabilities()).contains(CatalogEntry.VISION);
      assertThat(mine.sourceOf(sonnet)).isEqualTo(PriceSource.REGISTERED);

      CatalogEntry rocket = mine.find("acme", "acme/rocket-1-preview").orElseThrow();
      assertThat(rocket.pricing().input()).isEqualByComparingTo("0.0000005");
      assertThat(rocket.pricing().tiers()).singleElement().satisfies(t -> {
        assertThat(t.wholeRequest()).isTrue();
        assertThat(t.pricing().input()).isEqualByComparingTo("0.000001");
        assertThat(t.pricing().output()).isEqualByComparingTo("0.000001"); // the entry's own
      });

      // the original is unchanged, and other bundled entries are still there
      assertThat(catalog.find("anthropic", "claude-sonnet-4-5").orElseThrow().pricing().input()).isEqualByComparingTo("0.000003");
      CatalogEntry gpt = mine.find("openai", "gpt-4o").orElseThrow();
      assertThat(mine.sourceOf(gpt)).isEqualTo(PriceSource.CATALOG);
      assertThat(mine.entries()).hasSize(catalog.entries().size() + 1);
    }

    @Test
    void a_bare_array_is_a_catalog_too() throws IOException {
      PriceCatalog mine = catalog.withUserFile(file("""
          [{"provider": "acme", "model": "rocket-1", "input": "0.000001", "output": "0.000002"}]"""));
      assertThat(mine.find("acme", "rocket-1")).isPresent();
    }

    @Test
    void a_bad_price_names_the_file_the_entry_and_the_field() throws IOException {
      Path f = file("""
          {"models": [
            {"provider": "acme", "model": "rocket-1", "input": "0.000001", "output": "0.000002"},
            {"provider": "acme", "model": "rocket-2", "input": "0.000001", "output": "cheap"}
          ]}""");
      assertThatThrownBy(() -> catalog.withUserFile(f))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessageContaining(f.toString())
          .hasMessageContaining("models[1] (acme/rocket-2)")
          .hasMessageContaining("field \"output\"")
          .hasMessageContaining("cheap");
    }

    @Test
    void other_mistakes_are_named_too() throws IOException {
      assertThatThrownBy(() -> catalog.withUserFile(file("""
          [{"provider": "acme", "model": "rocket-1", "input": "0.000001", "ouput": "0.000002"}]""")))
          .hasMessageContaining("models[0] (acme/rocket-1)").hasMessageContaining("field \"ouput\"")
          .hasMessageContaining("unknown field");
      assertThatThrownBy(() -> catalog.withUserFile(file("""
          [{"provider": "acme", "model": "rocket-1", "input": "-0.000001", "output": "0.000002"}]""")))
          .hasMessageContaining("field \"input\"").hasMessageContaining("negative");
      assertThatThrownBy(() -> catalog.withUserFile(file("""
          [{"provider": "acme", "input": "0.000001", "output": "0.000002"}]""")))
          .hasMessageContaining("models[0]").hasMessageContaining("field \"model\"").hasMessageContaining("required");
      assertThatThrownBy(() -> catalog.withUserFile(file("""
          [{"provider": "acme", "model": "rocket-1", "input": "0.000001", "output": "0.000002",
            "tiers": [{"input": "0.000002"}]}]""")))
          .hasMessageContaining("field \"tiers[0].aboveInputTokens\"");
      assertThatThrownBy(() -> catalog.withUserFile(file("""
          [{"provider": "acme", "model": "rocket-1", "input": "0.000001", "output": "0.000002",
            "capabilities": ["telepathy"]}]""")))
          .hasMessageContaining("field \"capabilities\"").hasMessageContaining("telepathy");
      Path broken = file("{\"models\": [");
      assertThatThrownBy(() -> catalog.withUserFile(broken))
          .hasMessageContaining(broken.toString()).hasMessageContaining("not valid JSON");
      Path missing = dir.resolve("nope.json");
      assertThatThrownBy(() -> catalog.withUserFile(missing))
          .isInstanceOf(LlmException.class).hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }
  }

  @Nested
  class Registrations {
    @TempDir
    Path dir;

    @Test
    void a_registration_wins_over_the_bundled_entry_with_its_patterns_and_limits() {
      long before = catalog.revision();
      catalog.register("anthropic", "claude-sonnet-4-5", ModelPricing.of(d("0.000001"), d("0.000005")));
      assertThat(catalog.revision()).isGreaterThan(before);
      CatalogEntry e = catalog.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow();
      assertThat(e.pricing().input()).isEqualByComparingTo("0.000001");
      assertThat(e.maxInputTokens()).isEqualTo(1_000_000);
      assertThat(catalog.sourceOf(e)).isEqualTo(PriceSource.REGISTERED);
    }

    @Test
    void a_registration_wins_over_a_user_file() throws IOException {
      Path f = dir.resolve("p.json");
      Files.writeString(f, "[{\"provider\": \"acme\", \"model\": \"rocket-1\", \"input\": \"0.000001\", \"output\": \"0.000002\"}]");
      PriceCatalog mine = catalog.withUserFile(f);
      mine.register("acme", "acme/rocket-1", ModelPricing.of(d("0.000009"), d("0.000009")));
      assertThat(mine.find("acme", "rocket-1").orElseThrow().pricing().input()).isEqualByComparingTo("0.000009");
      assertThat(mine.find("acme", "rocket-1").orElseThrow().model()).isEqualTo("rocket-1");
    }

    @Test
    void a_registration_under_a_new_name_adds_a_model() {
      catalog.register("Acme", "Rocket-2", ModelPricing.of(d("0.000001"), d("0.000002")));
      CatalogEntry e = catalog.find("acme", "rocket-2").orElseThrow();
      assertThat(e.provider()).isEqualTo("acme");
      assertThat(e.model()).isEqualTo("Rocket-2");
      assertThat(e.capabilities()).isEmpty();
      // through a gateway too: OpenRouter's name embeds the vendor
      catalog.register("anthropic", "claude-future-9", ModelPricing.of(d("0.000001"), d("0.000002")));
      assertThat(model("openrouter", "anthropic/claude-future-9")).isEqualTo("anthropic/claude-future-9");
    }

    @Test
    void registrations_and_lookups_from_several_threads() throws Exception {
      int threads = 4;
      int rounds = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> futures = new ArrayList<>();
        Set<String> shared = Set.of("0.000001", "0.000002", "0.000003", "0.000004");
        for (int t = 0; t < threads; t++) {
          int id = t;
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < rounds; i++) {
              // each thread its own models, and all of them one shared model
              catalog.register("acme", "m-" + id + "-" + i, ModelPricing.of(d("0.000001"), d(i + "")));
              catalog.register("openai", "gpt-4o", ModelPricing.of(d("0.00000" + (id + 1)), d("0.00001")));
              assertThat(catalog.find("acme", "m-" + id + "-" + i).orElseThrow().pricing().output())
                  .isEqualByComparingTo(Integer.toString(i));
              CatalogEntry gpt = catalog.find("openai", "gpt-4o-2024-08-06").orElseThrow();
              assertThat(gpt.pricing().input().toPlainString()).isIn(shared);
              assertThat(catalog.find("anthropic", "claude-sonnet-4-5-20250929")).isPresent();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < rounds; i++) {
          assertThat(catalog.find("acme", "m-" + t + "-" + i)).isPresent();
        }
      }
      assertThat(catalog.revision()).isEqualTo(2L * threads * rounds);
    }
  }
}
