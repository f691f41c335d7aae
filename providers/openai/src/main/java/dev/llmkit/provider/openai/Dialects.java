package dev.llmkit.provider.openai;

import static dev.llmkit.spi.ProviderDescriptor.Capability.PROMPT_CACHE;
import static dev.llmkit.spi.ProviderDescriptor.Capability.REASONING;
import static dev.llmkit.spi.ProviderDescriptor.Capability.VISION;

import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.provider.openai.Dialect.ReasoningReplay;
import dev.llmkit.provider.openai.Dialect.ReasoningStyle;
import dev.llmkit.provider.openai.Dialect.Style;
import dev.llmkit.provider.openai.ModelCatalog.Family;

/**
 * The dialect of every server this plugin speaks to. Only OpenAI, DeepSeek, Mistral and xAI claim
 * bare model names; the others serve models from many vendors and need their prefix ({@code groq/...}).
 */
final class Dialects {
  private Dialects() {}

  static final Dialect OPENAI = Dialect.builder(OpenAiProviderFactory.ID)
      .displayName("OpenAI")
      .defaultBaseUrl("https://api.openai.com/v1")
      .apiKeyEnvVars("OPENAI_API_KEY")
      .modelPatterns("gpt-*", "o1*", "o3*", "o4*", "chatgpt-*", "ft:gpt-*")
      .capabilities(VISION, REASONING, PROMPT_CACHE)
      .developerRole()
      .family(Family.OPENAI)
      .build();

  // No default base URL: every Azure resource has its own host.
  static final Dialect AZURE = Dialect.builder(AzureOpenAiProviderFactory.ID)
      .displayName("Azure OpenAI")
      .apiKeyEnvVars("AZURE_API_KEY", "AZURE_OPENAI_API_KEY")
      .capabilities(VISION, REASONING, PROMPT_CACHE)
      .style(Style.AZURE)
      .developerRole()
      .family(Family.OPENAI)
      .build();

  static final Dialect GROQ = Dialect.builder(GroqProviderFactory.ID)
      .displayName("Groq")
      .defaultBaseUrl("https://api.groq.com/openai/v1")
      .apiKeyEnvVars("GROQ_API_KEY")
      .capabilities(VISION, REASONING)
      .family(Family.GROQ)
      .build();

  static final Dialect DEEPSEEK = Dialect.builder(DeepSeekProviderFactory.ID)
      .displayName("DeepSeek")
      .defaultBaseUrl("https://api.deepseek.com/v1")
      .apiKeyEnvVars("DEEPSEEK_API_KEY")
      .modelPatterns("deepseek-*")
      .capabilities(REASONING, PROMPT_CACHE)
      .legacyMaxTokens()
      .reasoningReplay(ReasoningReplay.REASONING_CONTENT_WITH_TOOL_CALLS)
      .family(Family.DEEPSEEK)
      .build();

  static final Dialect OPENROUTER = Dialect.builder(OpenRouterProviderFactory.ID)
      .displayName("OpenRouter")
      .defaultBaseUrl("https://openrouter.ai/api/v1")
      .apiKeyEnvVars("OPENROUTER_API_KEY")
      .capabilities(VISION, REASONING, PROMPT_CACHE)
      .style(Style.OPENROUTER)
      .legacyMaxTokens()
      .reasoningStyle(ReasoningStyle.OBJECT)
      .reasoningReplay(ReasoningReplay.REASONING_DETAILS)
      .topK()
      .family(Family.OPENROUTER)
      .build();

  // Mistral rejects fields it does not know, so no stream_options (it sends usage on the last chunk anyway).
  static final Dialect MISTRAL = Dialect.builder(MistralProviderFactory.ID)
      .displayName("Mistral AI")
      .defaultBaseUrl("https://api.mistral.ai/v1")
      .apiKeyEnvVars("MISTRAL_API_KEY")
      .modelPatterns("mistral-*", "codestral-*", "magistral-*")
      .capabilities(VISION)
      .legacyMaxTokens()
      .seedField("random_seed")
      .noStreamUsageOption()
      .family(Family.MISTRAL)
      .build();

  static final Dialect TOGETHER = Dialect.builder(TogetherProviderFactory.ID)
      .displayName("Together AI")
      .defaultBaseUrl("https://api.together.xyz/v1")
      .apiKeyEnvVars("TOGETHER_API_KEY", "TOGETHERAI_API_KEY")
      .capabilities(VISION, REASONING)
      .legacyMaxTokens()
      .topK()
      .build();

  static final Dialect XAI = Dialect.builder(XaiProviderFactory.ID)
      .displayName("xAI")
      .defaultBaseUrl("https://api.x.ai/v1")
      .apiKeyEnvVars("XAI_API_KEY")
      .modelPatterns("grok-*")
      .capabilities(VISION, REASONING, PROMPT_CACHE)
      .family(Family.XAI)
      .build();

  static final Dialect FIREWORKS = Dialect.builder(FireworksProviderFactory.ID)
      .displayName("Fireworks AI")
      .defaultBaseUrl("https://api.fireworks.ai/inference/v1")
      .apiKeyEnvVars("FIREWORKS_API_KEY")
      .capabilities(VISION, REASONING)
      .legacyMaxTokens()
      .topK()
      .build();

  static final Dialect VLLM = Dialect.builder(VllmProviderFactory.ID)
      .displayName("vLLM")
      .defaultBaseUrl("http://localhost:8000/v1")
      .apiKeyEnvVars("VLLM_API_KEY")
      .optionalApiKey()
      .capabilities(VISION, REASONING)
      .legacyMaxTokens()
      .topK()
      .build();

  static final Dialect LMSTUDIO = Dialect.builder(LmStudioProviderFactory.ID)
      .displayName("LM Studio")
      .defaultBaseUrl("http://localhost:1234/v1")
      .apiKeyEnvVars("LMSTUDIO_API_KEY")
      .optionalApiKey()
      .capabilities(VISION)
      .legacyMaxTokens()
      .topK()
      .build();

  // No model patterns: bare names are ambiguous between local servers, and the native "ollama" provider owns the id.
  static final Dialect OLLAMA_OPENAI = Dialect.builder(OllamaOpenAiProviderFactory.ID)
      .displayName("Ollama (OpenAI-compatible /v1)")
      .defaultBaseUrl("http://localhost:11434/v1")
      .apiKeyEnvVars("OLLAMA_API_KEY")
      .optionalApiKey()
      .capabilities(VISION, REASONING)
      .legacyMaxTokens()
      .inlineImagesOnly()
      .efforts(ReasoningEffort.NONE, ReasoningEffort.LOW, ReasoningEffort.MEDIUM, ReasoningEffort.HIGH,
          ReasoningEffort.MAX) // its documented reasoning_effort values
      .build();
}
