package dev.llmkit.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelNameNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // OpenHands' normalize_model_name cases
      "'  OPENAI/gpt-4o  '                     | gpt-4o",
      "anthropic/claude-3-7-sonnet             | claude-3-7-sonnet",
      "litellm_proxy/gemini-2.5-pro            | gemini-2.5-pro",
      "qwen3-coder-480b-a35b-instruct          | qwen3-coder-480b-a35b-instruct",
      "gpt-5                                   | gpt-5",
      "deepseek/DeepSeek-R1-0528:671b-Q4_K_XL  | deepseek-r1-0528",
      "openai/GLM-4.5-GGUF                     | glm-4.5",
      "openrouter/gpt-4o-mini                  | gpt-4o-mini",
      // OpenHands keeps 'anthropic.claude-3-5-sonnet-20241022-v2'; llmkit also drops Bedrock's vendor and version
      "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0 | claude-3-5-sonnet-20241022",
      "''                                      | ''",
  })
  void normalisesAsOpenHandsDoes(String raw, String expected) {
    assertThat(ModelNameNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "llama3.1:8b                                         | llama3.1",
      "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M   | llama-3.2-1b-instruct",
      "openrouter/anthropic/claude-3.5-sonnet              | claude-3.5-sonnet",
      "ft:gpt-4o-mini-2024-07-18:acme::abc123              | gpt-4o-mini-2024-07-18",
      "anthropic.claude-3-haiku-20240307-v1:0              | claude-3-haiku-20240307",
      "us.anthropic.claude-3-7-sonnet-20250219-v1:0        | claude-3-7-sonnet-20250219",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0    | claude-sonnet-4-5-20250929",
      "bedrock/us.meta.llama3-1-70b-instruct-v1:0          | llama3-1-70b-instruct",
      "claude-sonnet-4@20250514                            | claude-sonnet-4-20250514",
      "vertex_ai/claude-3-5-sonnet-v2@20241022             | claude-3-5-sonnet-v2-20241022",
      "gpt-4.1                                             | gpt-4.1",
      "o4-mini                                             | o4-mini",
  })
  void normalisesTagsFineTunesAndCloudSpellings(String raw, String expected) {
    assertThat(ModelNameNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void nullIsEmpty() {
    assertThat(ModelNameNormalizer.normalize(null)).isEmpty();
    assertThat(ModelNameNormalizer.fullName(null)).isEmpty();
  }

  @Test
  void theFullNameKeepsPrefixAndTag() {
    assertThat(ModelNameNormalizer.fullName(" Groq/Llama-3.3-70B:free ")).isEqualTo("groq/llama-3.3-70b:free");
  }
}
