package dev.llmkit.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNamesTest {
  @Test
  void patterns_match_whole_names() {
    assertThat(ModelNames.matches("claude-sonnet-4-5*", "claude-sonnet-4-5-20250929")).isTrue();
    assertThat(ModelNames.matches("claude-sonnet-4-5*", "claude-sonnet-4-5")).isTrue();
    assertThat(ModelNames.matches("claude-sonnet-4-5*", "xclaude-sonnet-4-5")).isFalse();
    assertThat(ModelNames.matches("*us.anthropic.claude-3*", "us.anthropic.claude-3-7-sonnet-v1:0")).isTrue();
    assertThat(ModelNames.matches("*-flash", "gemini-2.0-flash")).isTrue();
    assertThat(ModelNames.matches("*-flash", "gemini-2.0-flash-lite")).isFalse();
    assertThat(ModelNames.matches("gpt-5.6-luna-####-##-##", "gpt-5.6-luna-2026-07-13")).isTrue();
    assertThat(ModelNames.matches("gpt-5.6-luna-####-##-##", "gpt-5.6-luna-2026-07-1x")).isFalse();
    assertThat(ModelNames.matches("a*b*c", "aXXbYYbc")).isTrue();
    assertThat(ModelNames.matches("a*b*c", "aXXbYYb")).isFalse();
    assertThat(ModelNames.matches("gpt-4o", "gpt-4o")).isTrue();
    assertThat(ModelNames.matches("gpt-4o", "gpt-4o-mini")).isFalse();
  }

  @Test
  void specificity_counts_literal_characters() {
    assertThat(ModelNames.specificity("gemini-3.5-flash-lite*")).isGreaterThan(ModelNames.specificity("gemini-3.5-flash-#*"));
    assertThat(ModelNames.isGlob("gpt-4o")).isFalse();
    assertThat(ModelNames.isGlob("gpt-4o*")).isTrue();
    assertThat(ModelNames.isGlob("x-####")).isTrue();
  }

  @Test
  void the_forms_of_a_name_tried_in_turn() {
    assertThat(ModelNames.candidates("ollama", "Ollama/Llama3.1:8B-Instruct"))
        .containsExactly("llama3.1:8b-instruct", "llama3.1");
    assertThat(ModelNames.candidates("lmstudio", "Qwen2.5-7B-Instruct-GGUF:Q4_K_M"))
        .containsExactly("qwen2.5-7b-instruct-gguf:q4_k_m", "qwen2.5-7b-instruct-gguf", "qwen2.5-7b-instruct");
    assertThat(ModelNames.candidates("anthropic", "claude-sonnet-4-5-20250929"))
        .containsExactly("claude-sonnet-4-5-20250929", "claude-sonnet-4-5");
    assertThat(ModelNames.candidates("openai", "gpt-4o-2024-08-06")).containsExactly("gpt-4o-2024-08-06", "gpt-4o");
    assertThat(ModelNames.candidates("gemini", "models/gemini-2.5-pro")).containsExactly("gemini-2.5-pro");
    assertThat(ModelNames.candidates("openrouter", "openrouter/anthropic/claude-sonnet-4"))
        .containsExactly("anthropic/claude-sonnet-4");
    // a vendor segment that is not the provider stays
    assertThat(ModelNames.candidates("groq", "openai/gpt-oss-120b")).containsExactly("openai/gpt-oss-120b");
    // a colon inside a path segment before the last slash is no tag
    assertThat(ModelNames.candidates("bedrock", "anthropic.claude-v2:1")).containsExactly("anthropic.claude-v2:1", "anthropic.claude-v2");
  }

  @Test
  void provider_aliases() {
    assertThat(ModelNames.provider(" Google ")).isEqualTo("gemini");
    assertThat(ModelNames.provider("x-ai")).isEqualTo("xai");
    assertThat(ModelNames.provider("aws")).isEqualTo("bedrock");
    assertThat(ModelNames.provider("openai")).isEqualTo("openai");
  }

  @Test
  void vendors_embedded_in_gateway_names() {
    assertThat(ModelNames.embedded("openrouter", "anthropic/claude-sonnet-4"))
        .containsExactly(new ModelNames.Embedded("anthropic", "claude-sonnet-4"));
    assertThat(ModelNames.embedded("openrouter", "~google/gemini-flash-latest"))
        .containsExactly(new ModelNames.Embedded("gemini", "gemini-flash-latest"));
    assertThat(ModelNames.embedded("openrouter", "meta-llama/llama-3.3-70b-instruct")).isEmpty();
    assertThat(ModelNames.embedded("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"))
        .first().isEqualTo(new ModelNames.Embedded("anthropic", "claude-sonnet-4-5-20250929"));
    assertThat(ModelNames.embedded("bedrock", "anthropic.claude-v2:1")).containsExactly(
        new ModelNames.Embedded("anthropic", "claude"), new ModelNames.Embedded("anthropic", "claude-v2:1"));
    assertThat(ModelNames.embedded("bedrock", "amazon.nova-pro-v1:0")).isEmpty();
    assertThat(ModelNames.embedded("azure", "gpt-4o")).first().isEqualTo(new ModelNames.Embedded("openai", "gpt-4o"));
    assertThat(ModelNames.embedded("together", "deepseek-ai/deepseek-v3")).isEmpty();
  }
}
