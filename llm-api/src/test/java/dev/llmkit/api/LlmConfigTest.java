package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmConfigTest {

  private static LlmConfig.Builder valid() {
    return LlmConfig.builder().model("openai/gpt-4o");
  }

  /** Builds with one change and returns the single problem it causes. */
  private static String onlyProblem(UnaryOperator<LlmConfig.Builder> change) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> change.apply(valid()).build());
    assertThat(e).as("build() must reject the config").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private static void accepted(UnaryOperator<LlmConfig.Builder> change) {
    LlmConfig config = change.apply(valid()).build();
    assertThat(config.problems()).isEmpty();
  }

  @Nested
  class Defaults {

    @Test
    void aBuilderWithOnlyAModelBuildsWithTheDocumentedDefaults() {
      LlmConfig c = LlmConfig.of("openai/gpt-4o");

      assertThat(c.model()).isEqualTo("openai/gpt-4o");
      assertThat(c.numRetries()).isEqualTo(5);
      assertThat(c.retryMinWait()).isEqualTo(Duration.ofSeconds(8));
      assertThat(c.retryMaxWait()).isEqualTo(Duration.ofSeconds(64));
      assertThat(c.retryMultiplier()).isEqualTo(8.0);
      assertThat(c.maxMessageChars()).isEqualTo(30_000);
      assertThat(c.cachingPrompt()).isTrue();
      assertThat(c.dropParams()).isTrue();
      assertThat(c.modifyParams()).isTrue();
      assertThat(c.disableVision()).isFalse();
      assertThat(c.disableStopWord()).isFalse();
      assertThat(c.logCompletions()).isFalse();
      assertThat(c.apiKey()).isNull();
      assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(10));
      assertThat(c.streamIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.temperature()).isNull();
      assertThat(c.nativeToolCalling()).isNull();
      assertThat(c.extraParams()).isEmpty();
      assertThat(c.extraHeaders()).isEmpty();
      assertThat(c.safetySettings()).isEmpty();
      assertThat(c.problems()).isEmpty();
    }

    @Test
    void toBuilderRoundTripsEveryField() {
      LlmConfig original = LlmConfig.builder()
          .model("anthropic/claude-sonnet-4-5")
          .customProvider("anthropic")
          .apiKey("sk-ant-123")
          .baseUrl("https://proxy.example.com/v1")
          .apiVersion("2024-10-21")
          .awsAccessKeyId(Secret.of("AKIA"))
          .awsSecretAccessKey(Secret.of("aws-secret"))
          .awsRegionName("eu-west-1")
          .openrouterSiteUrl("https://site")
          .openrouterAppName("app")
          .numRetries(2)
          .retryMinWait(Duration.ofMillis(100))
          .retryMaxWait(Duration.ofSeconds(3))
          .retryMultiplier(2.5)
          .timeout(Duration.ofSeconds(30))
          .streamIdleTimeout(Duration.ofSeconds(20))
          .maxMessageChars(0)
          .temperature(0.2)
          .topP(0.9)
          .topK(40)
          .maxInputTokens(100_000)
          .maxOutputTokens(4096)
          .seed(42L)
          .reasoningEffort(ReasoningEffort.HIGH)
          .nativeToolCalling(false)
          .cachingPrompt(false)
          .disableVision(true)
          .disableStopWord(true)
          .dropParams(false)
          .modifyParams(false)
          .inputCostPerToken(new BigDecimal("0.000003"))
          .outputCostPerToken(new BigDecimal("0.000015"))
          .cacheReadCostPerToken(new BigDecimal("0.0000003"))
          .cacheWriteCostPerToken(new BigDecimal("0.00000375"))
          .logCompletions(true)
          .logCompletionsFolder("/tmp/logs")
          .customTokenizer("cl100k_base")
          .safetySettings(List.of(Map.of("category", "HARM_CATEGORY_HATE_SPEECH", "threshold", "BLOCK_NONE")))
          .extraParam("service_tier", "flex")
          .extraHeader("X-Trace", "abc")
          .build();

      LlmConfig copy = original.toBuilder().build();

      assertThat(copy).isEqualTo(original);
      assertThat(copy.hashCode()).isEqualTo(original.hashCode());
    }

    @Test
    void toBuilderChangesLeaveTheOriginalAlone() {
      LlmConfig original = valid().temperature(0.5).extraHeader("X-A", "1").build();

      LlmConfig changed = original.toBuilder().temperature(1.0).extraHeader("X-B", "2").build();

      assertThat(original.temperature()).isEqualTo(0.5);
      assertThat(original.extraHeaders()).containsOnlyKeys("X-A");
      assertThat(changed.temperature()).isEqualTo(1.0);
      assertThat(changed.extraHeaders()).containsOnlyKeys("X-A", "X-B");
    }

    @Test
    void collectionsAreImmutableCopies() {
      Map<String, Object> params = new HashMap<>(Map.of("a", 1));
      Map<String, String> setting = new HashMap<>(Map.of("category", "X"));
      List<Map<String, String>> settings = new ArrayList<>(List.of(setting));
      LlmConfig c = valid().extraParams(params).safetySettings(settings).build();

      params.put("b", 2);
      setting.put("threshold", "BLOCK_NONE");
      settings.add(Map.of());

      assertThat(c.extraParams()).containsOnlyKeys("a");
      assertThat(c.safetySettings()).containsExactly(Map.of("category", "X"));
      assertThatThrownBy(() -> c.extraParams().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> c.extraHeaders().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> c.safetySettings().get(0).put("c", "3"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extraParamsReplacesWhileExtraParamAdds() {
      LlmConfig c = valid().extraParam("a", 1).extraParams(Map.of("b", 2)).extraParam("c", 3).build();

      assertThat(c.extraParams()).containsOnly(Map.entry("b", 2), Map.entry("c", 3));
    }

    @Test
    void theStringApiKeyConvenienceWrapsASecret() {
      assertThat(valid().apiKey("sk-1").build().apiKey()).isEqualTo(Secret.of("sk-1"));
    }
  }

  @Nested
  class Validation {

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankModelIsRejectedWithAnExample(String model) {
      String problem = onlyProblem(b -> b.model(model));

      assertThat(problem).startsWith("model is required").contains("openai/gpt-4o");
    }

    @Test
    void aMissingModelIsRejected() {
      InvalidRequestException e =
          catchThrowableOfType(InvalidRequestException.class, () -> LlmConfig.builder().build());

      assertThat(e.problems()).singleElement().asString().startsWith("model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1", "http://localhost:11434", "http://127.0.0.1:8080/x"})
    void httpAndHttpsBaseUrlsAreAccepted(String url) {
      accepted(b -> b.baseUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com", "/v1/chat", "api.example.com/v1", "mailto:me@example.com"})
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRejected(String url) {
      String problem = onlyProblem(b -> b.baseUrl(url));

      assertThat(problem).startsWith("baseUrl must be an absolute http(s) URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://", "https://exa mple.com", "http://[::1"})
    void aBaseUrlThatDoesNotParseIsRejectedWithTheReason(String url) {
      String problem = onlyProblem(b -> b.baseUrl(url));

      assertThat(problem).startsWith("baseUrl is not a valid URL").contains("(");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 2.01, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void temperatureOutsideZeroToTwoIsRejected(double value) {
      assertThat(onlyProblem(b -> b.temperature(value))).startsWith("temperature must be between 0.0 and 2.0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 2.0})
    void temperatureWithinZeroToTwoIsAccepted(double value) {
      accepted(b -> b.temperature(value));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.000001, Double.NaN, Double.POSITIVE_INFINITY})
    void topPOutsideTheHalfOpenUnitIntervalIsRejected(double value) {
      assertThat(onlyProblem(b -> b.topP(value))).startsWith("topP must be in (0, 1]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.000001, 0.5, 1.0})
    void topPInsideTheHalfOpenUnitIntervalIsAccepted(double value) {
      accepted(b -> b.topP(value));
    }

    @Test
    void topKBelowOneIsRejected() {
      assertThat(onlyProblem(b -> b.topK(0))).isEqualTo("topK must be at least 1, was 0");
      accepted(b -> b.topK(1));
    }

    @Test
    void maxInputTokensBelowOneIsRejected() {
      assertThat(onlyProblem(b -> b.maxInputTokens(0))).isEqualTo("maxInputTokens must be at least 1, was 0");
      accepted(b -> b.maxInputTokens(1));
    }

    @Test
    void maxOutputTokensBelowOneIsRejected() {
      assertThat(onlyProblem(b -> b.maxOutputTokens(-5))).isEqualTo("maxOutputTokens must be at least 1, was -5");
      accepted(b -> b.maxOutputTokens(1));
    }

    @Test
    void negativeNumRetriesIsRejectedAndZeroIsAccepted() {
      assertThat(onlyProblem(b -> b.numRetries(-1))).isEqualTo("numRetries must be 0 or more, was -1");
      accepted(b -> b.numRetries(0));
    }

    @Test
    void aNegativeRetryMinWaitIsRejected() {
      assertThat(onlyProblem(b -> b.retryMinWait(Duration.ofMillis(-1))))
          .startsWith("retryMinWait must not be negative");
      accepted(b -> b.retryMinWait(Duration.ZERO));
    }

    @Test
    void aRetryMaxWaitShorterThanTheMinWaitIsRejected() {
      String problem = onlyProblem(b -> b.retryMinWait(Duration.ofSeconds(10)).retryMaxWait(Duration.ofSeconds(5)));

      assertThat(problem).startsWith("retryMaxWait").contains("retryMinWait").contains("PT5S").contains("PT10S");
      accepted(b -> b.retryMinWait(Duration.ofSeconds(5)).retryMaxWait(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.99, 0.0, -2.0, Double.NaN})
    void aRetryMultiplierBelowOneIsRejected(double value) {
      assertThat(onlyProblem(b -> b.retryMultiplier(value))).startsWith("retryMultiplier must be 1 or more");
    }

    @Test
    void aRetryMultiplierOfOneIsAccepted() {
      accepted(b -> b.retryMultiplier(1.0));
    }

    @Test
    void aZeroTimeoutMeansNoneAndANegativeOneIsRejected() {
      assertThat(valid().timeout(Duration.ZERO).streamIdleTimeout(Duration.ZERO).build())
          .satisfies(c -> assertThat(c.timeout()).isNull())
          .satisfies(c -> assertThat(c.streamIdleTimeout()).isNull());
      assertThat(valid().timeout(null).streamIdleTimeout(null).build().timeout()).isNull();
      assertThat(onlyProblem(b -> b.timeout(Duration.ofSeconds(-1)))).startsWith("timeout must");
      accepted(b -> b.timeout(Duration.ofMillis(1)));
    }

    @Test
    void negativeMaxMessageCharsIsRejectedAndZeroMeansNoLimit() {
      assertThat(onlyProblem(b -> b.maxMessageChars(-1))).startsWith("maxMessageChars must be 0 (no limit) or more");
      accepted(b -> b.maxMessageChars(0));
    }

    @Test
    void everyNegativePriceIsRejectedByName() {
      BigDecimal negative = new BigDecimal("-0.000001");

      assertThat(onlyProblem(b -> b.inputCostPerToken(negative)))
          .isEqualTo("inputCostPerToken must not be negative, was -0.000001");
      assertThat(onlyProblem(b -> b.outputCostPerToken(negative))).startsWith("outputCostPerToken must not be negative");
      assertThat(onlyProblem(b -> b.cacheReadCostPerToken(negative)))
          .startsWith("cacheReadCostPerToken must not be negative");
      assertThat(onlyProblem(b -> b.cacheWriteCostPerToken(negative)))
          .startsWith("cacheWriteCostPerToken must not be negative");
      accepted(b -> b.inputCostPerToken(BigDecimal.ZERO).outputCostPerToken(BigDecimal.ONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void logCompletionsNeedsAFolder(String folder) {
      assertThat(onlyProblem(b -> b.logCompletions(true))).isEqualTo("logCompletionsFolder is required when logCompletions is on");
      assertThat(onlyProblem(b -> b.logCompletions(true).logCompletionsFolder(folder)))
          .startsWith("logCompletionsFolder is required");
      accepted(b -> b.logCompletions(true).logCompletionsFolder("/var/log/llm"));
      accepted(b -> b.logCompletions(false).logCompletionsFolder(folder));
    }

    @Test
    void everyProblemIsReportedAtOnceEachNamingItsField() {
      LlmConfig.Builder bad = LlmConfig.builder()
          .model(" ")
          .baseUrl("ftp://x")
          .temperature(3.0)
          .topP(0.0)
          .topK(0)
          .maxInputTokens(0)
          .maxOutputTokens(0)
          .numRetries(-1)
          .retryMinWait(Duration.ofSeconds(-1))
          .retryMaxWait(Duration.ofSeconds(-2))
          .retryMultiplier(0.5)
          .timeout(Duration.ofSeconds(-1))
          .maxMessageChars(-1)
          .inputCostPerToken(BigDecimal.valueOf(-1))
          .outputCostPerToken(BigDecimal.valueOf(-1))
          .cacheReadCostPerToken(BigDecimal.valueOf(-1))
          .cacheWriteCostPerToken(BigDecimal.valueOf(-1))
          .logCompletions(true);

      InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, bad::build);

      List<String> fields = List.of("model", "baseUrl", "temperature", "topP", "topK", "maxInputTokens",
          "maxOutputTokens", "numRetries", "retryMinWait", "retryMaxWait", "retryMultiplier", "timeout",
          "maxMessageChars", "inputCostPerToken", "outputCostPerToken", "cacheReadCostPerToken",
          "cacheWriteCostPerToken", "logCompletionsFolder");
      assertThat(e.problems()).hasSize(fields.size());
      for (int i = 0; i < fields.size(); i++) {
        assertThat(e.problems().get(i)).as("problem %d", i).startsWith(fields.get(i) + " ");
      }
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage())
          .startsWith("invalid request (" + fields.size() + " problems): ")
          .contains(String.join("; ", e.problems()));
    }

    @Test
    void theExceptionOfASingleProblemSaysItPlainly() {
      InvalidRequestException e =
          catchThrowableOfType(InvalidRequestException.class, () -> valid().topK(0).build());

      assertThat(e.getMessage()).isEqualTo("invalid request: topK must be at least 1, was 0");
    }

    @Test
    void problemsCanBeAskedOfAConfigBuiltDirectly() {
      LlmConfig direct = new LlmConfig("", null, null, null, null, null, null, null, null, null, 0,
          Duration.ZERO, Duration.ZERO, 1.0, null, null, 0, 5.0, null, null, null, null, null, null, null, PromptCachePolicy.NONE, false,
          false, false, false, null, null, null, null, false, null, null, List.of(), Map.of(), Map.of());

      assertThat(direct.problems()).hasSize(2);
      assertThat(direct.problems().get(0)).startsWith("model");
      assertThat(direct.problems().get(1)).startsWith("temperature");
    }
  }

  @Nested
  class Secrets {

    @Test
    void toStringShowsNoSecretValueButDoesShowHeaderNames() {
      LlmConfig c = valid()
          .apiKey("sk-live-VERY-SECRET")
          .awsAccessKeyId(Secret.of("AKIA-SECRET-ID"))
          .awsSecretAccessKey(Secret.of("AWS-SECRET-KEY"))
          .extraHeader("Authorization", "Bearer HEADER-SECRET")
          .extraHeader("X-Api-Key", "OTHER-HEADER-SECRET")
          .build();

      String s = c.toString();

      assertThat(s)
          .doesNotContain("sk-live-VERY-SECRET")
          .doesNotContain("AKIA-SECRET-ID")
          .doesNotContain("AWS-SECRET-KEY")
          .doesNotContain("HEADER-SECRET")
          .contains("model=openai/gpt-4o")
          .contains("apiKey=Secret[****]")
          .contains("Authorization")
          .contains("X-Api-Key");
    }

    @Test
    void toStringMasksCredentialsAndQueryOfTheBaseUrl() {
      LlmConfig c = valid().baseUrl("https://user:PROXY-PASSWORD@proxy.example.com:8443/v1?key=QUERY-KEY").build();

      assertThat(c.toString())
          .doesNotContain("PROXY-PASSWORD")
          .doesNotContain("user:")
          .doesNotContain("QUERY-KEY")
          .contains("baseUrl=https://****@proxy.example.com:8443/v1?****");
    }

    @Test
    void toStringShowsAPlainBaseUrlAsItIs() {
      assertThat(valid().baseUrl("http://localhost:11434/v1").build().toString())
          .contains("baseUrl=http://localhost:11434/v1");
    }

    @Test
    void validationMessagesMaskCredentialsInTheBaseUrlToo() {
      String notHttp = onlyProblem(b -> b.baseUrl("ftp://user:PASSWORD-1@files.example.com/x?token=T1"));
      String unparseable = onlyProblem(b -> b.baseUrl("https://user:PASSWORD-2@exa mple.com/?token=T2"));

      assertThat(notHttp).doesNotContain("PASSWORD-1").doesNotContain("T1").contains("ftp://****@files.example.com/x?****");
      assertThat(unparseable).doesNotContain("PASSWORD-2").doesNotContain("T2");
    }

    @Test
    void toStringOmitsUnsetOptionalFields() {
      String s = LlmConfig.of("gpt-4o").toString();

      assertThat(s).startsWith("LlmConfig[model=gpt-4o").doesNotContain("apiKey").doesNotContain("baseUrl")
          .doesNotContain("extraHeaders").doesNotContain("null");
    }
  }
}
