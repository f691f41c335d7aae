package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCountersTest {

  static ModelInfo model(String provider, String name) {
    return new ModelInfo(provider, name, ModelFeatures.TOOLS_AND_VISION, 128_000, 16_384);
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      // the model -> encoding table of tiktoken/model.py
      "openai, gpt-4o, tiktoken:o200k_base",
      "openai, gpt-4o-mini-2024-07-18, tiktoken:o200k_base",
      "openai, chatgpt-4o-latest, tiktoken:o200k_base",
      "openai, gpt-4.1-nano, tiktoken:o200k_base",
      "openai, gpt-4.5-preview, tiktoken:o200k_base",
      "openai, gpt-5, tiktoken:o200k_base",
      "openai, gpt-5-mini, tiktoken:o200k_base",
      "openai, o1, tiktoken:o200k_base",
      "openai, o1-mini, tiktoken:o200k_base",
      "openai, o3-mini, tiktoken:o200k_base",
      "openai, o4-mini, tiktoken:o200k_base",
      "openai, gpt-oss-120b, tiktoken:o200k_base",
      "openai, ft:gpt-4o-mini-2024-07-18:acme::abc123, tiktoken:o200k_base",
      "openai, gpt-4, tiktoken:cl100k_base",
      "openai, gpt-4-0613, tiktoken:cl100k_base",
      "openai, gpt-4-turbo, tiktoken:cl100k_base",
      "openai, gpt-4-32k, tiktoken:cl100k_base",
      "openai, gpt-3.5-turbo, tiktoken:cl100k_base",
      "openai, ft:gpt-3.5-turbo-0125:acme::xyz, tiktoken:cl100k_base",
      "openai, text-embedding-3-small, tiktoken:cl100k_base",
      "openai, text-embedding-ada-002, tiktoken:cl100k_base",
      "openai, davinci-002, tiktoken:cl100k_base",
      "openai, text-davinci-003, tiktoken:p50k_base",
      "openai, code-davinci-002, tiktoken:p50k_base",
      "openai, davinci, tiktoken:r50k_base",
      "openai, text-curie-001, tiktoken:r50k_base",
      // an OpenAI name the table does not know: the current vocabulary
      "openai, some-future-model, tiktoken:o200k_base",
      // Azure deployment names are the user's own
      "azure, gpt-4o, tiktoken:o200k_base",
      "azure, my-gpt4o-deployment, tiktoken:o200k_base",
      "azure, prod-chat, tiktoken:o200k_base",
      "azure, gpt-35-turbo, tiktoken:cl100k_base",
      "azure, team-gpt35-16k, tiktoken:cl100k_base",
      "azure, legacy-gpt4-32k, tiktoken:cl100k_base",
      "azure, eu-gpt-4.1-mini, tiktoken:o200k_base",
      // OpenAI models served by others
      "openrouter, openai/gpt-4o, tiktoken:o200k_base",
      "openrouter, openai/gpt-3.5-turbo, tiktoken:cl100k_base",
      "openrouter, openai/o3-mini, tiktoken:o200k_base",
      "groq, openai/gpt-oss-120b, tiktoken:o200k_base",
      // everything else
      "openrouter, anthropic/claude-sonnet-4, estimate",
      "openrouter, meta-llama/llama-3.3-70b-instruct, estimate",
      "anthropic, claude-sonnet-4-5, estimate",
      "gemini, gemini-2.5-flash, estimate",
      "ollama, llama3.2:3b, estimate",
      "mistral, mistral-large-latest, estimate",
      "deepseek, deepseek-chat, estimate",
      "vllm, Qwen/Qwen2.5-7B-Instruct, estimate",
  })
  void choosesTheCounterForTheModel(String provider, String name, String counter) {
    assertThat(TokenCounters.forModel(model(provider, name), null).name()).isEqualTo(counter);
  }

  @ParameterizedTest
  @CsvSource({
      "o200k_base, tiktoken:o200k_base",
      "cl100k_base, tiktoken:cl100k_base",
      "p50k_base, tiktoken:p50k_base",
      "r50k_base, tiktoken:r50k_base",
      "' CL100K_BASE ', tiktoken:cl100k_base",
  })
  void aCustomTokenizerWinsForAnyModel(String tokenizer, String counter) {
    assertThat(TokenCounters.forModel(model("anthropic", "claude-sonnet-4-5"), tokenizer).name()).isEqualTo(counter);
    assertThat(TokenCounters.forModel(model("openai", "gpt-4o"), tokenizer).name()).isEqualTo(counter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "o200k", "llama3", "cl100k-base", "", "  "})
  void anUnknownCustomTokenizerIsAConfigurationErrorListingTheValidOnes(String tokenizer) {
    assertThatThrownBy(() -> TokenCounters.forModel(model("vllm", "my-model"), tokenizer))
        .isInstanceOf(LlmException.class)
        .satisfies(e -> {
          LlmException le = (LlmException) e;
          assertThat(le.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(le.model()).contains("my-model");
          assertThat(le.getMessage()).contains("'" + tokenizer + "'", "vllm/my-model",
              "o200k_base, cl100k_base, p50k_base, r50k_base");
        });
  }

  @org.junit.jupiter.api.Test
  void aCustomTokenizerKeepsTheImageCostsOfAnOpenAiModel() {
    TiktokenCounter mini = (TiktokenCounter) TokenCounters.forModel(model("openai", "gpt-4o-mini"), "cl100k_base");
    assertThat(mini.imageTokens(1024, 1024, dev.llmkit.api.ContentPart.ImageDetail.LOW)).isEqualTo(2833);
    TiktokenCounter other = (TiktokenCounter) TokenCounters.forModel(model("vllm", "x"), "cl100k_base");
    assertThat(other.imageTokens(1024, 1024, dev.llmkit.api.ContentPart.ImageDetail.LOW)).isEqualTo(85);
  }

  @org.junit.jupiter.api.Test
  void listsTheTokenizerNames() {
    assertThat(TokenCounters.TOKENIZER_NAMES).containsExactly("o200k_base", "cl100k_base", "p50k_base", "r50k_base");
  }
}
