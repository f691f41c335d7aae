package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LlmExceptionTest {

  /** The subclass each kind must produce; a kind missing here fails {@link #everyKindHasAnExpectedType}. */
  private static final Map<ErrorKind, Class<? extends LlmException>> TYPES = new EnumMap<>(Map.ofEntries(
      Map.entry(ErrorKind.INVALID_REQUEST, LlmException.class),
      Map.entry(ErrorKind.CONFIGURATION, LlmException.class),
      Map.entry(ErrorKind.AUTHENTICATION, AuthenticationException.class),
      Map.entry(ErrorKind.PERMISSION_DENIED, AuthenticationException.class),
      Map.entry(ErrorKind.NOT_FOUND, LlmException.class),
      Map.entry(ErrorKind.CONTEXT_WINDOW_EXCEEDED, ContextWindowExceededException.class),
      Map.entry(ErrorKind.REQUEST_TOO_LARGE, LlmException.class),
      Map.entry(ErrorKind.CONTENT_POLICY, ContentPolicyException.class),
      Map.entry(ErrorKind.RATE_LIMITED, RateLimitException.class),
      Map.entry(ErrorKind.QUOTA_EXHAUSTED, RateLimitException.class),
      Map.entry(ErrorKind.TIMEOUT, LlmTimeoutException.class),
      Map.entry(ErrorKind.OVERLOADED, LlmException.class),
      Map.entry(ErrorKind.SERVER_ERROR, LlmException.class),
      Map.entry(ErrorKind.CONNECTION, LlmException.class),
      Map.entry(ErrorKind.CONFLICT, LlmException.class),
      Map.entry(ErrorKind.MALFORMED_RESPONSE, LlmException.class),
      Map.entry(ErrorKind.BUDGET_EXCEEDED, BudgetExceededException.class),
      Map.entry(ErrorKind.FUNCTION_CALL_VALIDATION, FunctionCallValidationException.class),
      Map.entry(ErrorKind.CANCELLED, LlmCancelledException.class),
      Map.entry(ErrorKind.UNKNOWN, LlmException.class)));

  private static final Set<ErrorKind> RETRYABLE = EnumSet.of(
      ErrorKind.RATE_LIMITED, ErrorKind.TIMEOUT, ErrorKind.OVERLOADED, ErrorKind.SERVER_ERROR,
      ErrorKind.CONNECTION, ErrorKind.CONFLICT);

  private static LlmException full(ErrorKind kind, Throwable cause) {
    return LlmException.builder(kind, "the provider said no")
        .cause(cause)
        .provider("openai")
        .model("gpt-4o")
        .httpStatus(429)
        .retryAfter(Duration.ofMillis(1500))
        .providerCode("rate_limit_exceeded")
        .requestId("req_123")
        .midStream(true)
        .build();
  }

  @Nested
  class Subclasses {

    @Test
    void everyKindHasAnExpectedType() {
      assertThat(TYPES.keySet()).containsExactlyInAnyOrder(ErrorKind.values());
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void theBuilderPicksTheSubclassForTheKind(ErrorKind kind) {
      LlmException e = LlmException.builder(kind, "m").build();

      assertThat(e).isExactlyInstanceOf(TYPES.get(kind));
      assertThat(e.kind()).isEqualTo(kind);
    }

    @Test
    void callersCanCatchRateLimitsSeparately() {
      try {
        throw LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").retryAfter(Duration.ofSeconds(2)).build();
      } catch (RateLimitException e) {
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
      }
    }
  }

  @Nested
  class Fields {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyFieldIsKeptWhateverTheSubclass(ErrorKind kind) {
      IOException cause = new IOException("reset");

      LlmException e = full(kind, cause);

      assertThat(e.getMessage()).isEqualTo("the provider said no");
      assertThat(e.getCause()).isSameAs(cause);
      assertThat(e.provider()).contains("openai");
      assertThat(e.model()).contains("gpt-4o");
      assertThat(e.httpStatus()).hasValue(429);
      assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
      assertThat(e.providerCode()).contains("rate_limit_exceeded");
      assertThat(e.requestId()).contains("req_123");
      assertThat(e.midStream()).isTrue();
    }

    @Test
    void unsetFieldsAreEmpty() {
      LlmException e = LlmException.builder(ErrorKind.UNKNOWN, "m").build();

      assertThat(e.getCause()).isNull();
      assertThat(e.provider()).isEmpty();
      assertThat(e.model()).isEmpty();
      assertThat(e.httpStatus()).isEmpty();
      assertThat(e.retryAfter()).isEmpty();
      assertThat(e.providerCode()).isEmpty();
      assertThat(e.requestId()).isEmpty();
      assertThat(e.midStream()).isFalse();
    }

    @Test
    void toStringNamesTheTypeKindProviderModelStatusAndMessage() {
      LlmException e = full(ErrorKind.RATE_LIMITED, null);

      assertThat(e.toString())
          .isEqualTo("RateLimitException[RATE_LIMITED, provider=openai, model=gpt-4o, status=429]: the provider said no");
      assertThat(LlmException.builder(ErrorKind.UNKNOWN, "m").build().toString()).isEqualTo("LlmException[UNKNOWN]: m");
    }
  }

  @Nested
  class Retryable {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void defaultsToTheKindsDecision(ErrorKind kind) {
      assertThat(kind.retryableByDefault()).isEqualTo(RETRYABLE.contains(kind));
      assertThat(LlmException.builder(kind, "m").build().retryable()).isEqualTo(RETRYABLE.contains(kind));
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void anExplicitValueOverridesTheDefault(ErrorKind kind) {
      assertThat(LlmException.builder(kind, "m").retryable(true).build().retryable()).isTrue();
      assertThat(LlmException.builder(kind, "m").retryable(false).build().retryable()).isFalse();
    }

    @Test
    void nullRestoresTheDefault() {
      assertThat(LlmException.builder(ErrorKind.SERVER_ERROR, "m").retryable(false).retryable(null).build().retryable())
          .isTrue();
    }
  }

  @Nested
  class Copies {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void toBuilderCopiesEveryFieldAndTheSubclass(ErrorKind kind) {
      LlmException original = LlmException.builder(kind, "the provider said no")
          .cause(new IOException("x"))
          .retryable(!kind.retryableByDefault())
          .provider("anthropic")
          .model("claude")
          .httpStatus(529)
          .retryAfter(Duration.ofSeconds(3))
          .providerCode("overloaded_error")
          .requestId("req_9")
          .midStream(true)
          .build();

      LlmException copy = original.toBuilder().build();

      assertThat(copy).isNotSameAs(original).isExactlyInstanceOf(original.getClass());
      assertThat(copy).usingRecursiveComparison().ignoringFields("stackTrace", "suppressedExceptions")
          .isEqualTo(original);
      assertThat(copy.retryable()).isEqualTo(!kind.retryableByDefault());
      assertThat(copy.getCause()).isSameAs(original.getCause());
    }

    @Test
    void aCopyCanAddWhatALaterLayerKnows() {
      LlmException original = LlmException.builder(ErrorKind.TIMEOUT, "slow").provider("openai").build();

      LlmException enriched = original.toBuilder().model("gpt-4o").midStream(true).build();

      assertThat(enriched.model()).contains("gpt-4o");
      assertThat(enriched.provider()).contains("openai");
      assertThat(enriched.midStream()).isTrue();
      assertThat(original.model()).isEmpty();
      assertThat(original.midStream()).isFalse();
    }
  }

  @Nested
  class InvalidRequests {

    @Test
    void listsEveryProblemAndSummarisesThemInTheMessage() {
      InvalidRequestException e = new InvalidRequestException(List.of("topK must be at least 1", "model is required"));

      assertThat(e.problems()).containsExactly("topK must be at least 1", "model is required");
      assertThat(e.getMessage()).isEqualTo("invalid request (2 problems): topK must be at least 1; model is required");
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.retryable()).isFalse();
    }

    @Test
    void theProblemsAreAnImmutableCopy() {
      java.util.ArrayList<String> problems = new java.util.ArrayList<>(List.of("a"));
      InvalidRequestException e = new InvalidRequestException(problems);

      problems.add("b");

      assertThat(e.problems()).containsExactly("a");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.problems().add("c"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
