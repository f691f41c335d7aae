package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String KEY = "my-own-gateway-key-0123456789";

  @Test
  void removesTheConfiguredKeyWhateverItsShape() {
    assertThat(new Redactor(Secret.of(KEY)).scrub("bad key " + KEY + ", try again")).isEqualTo("bad key ****, try again");
  }

  @Test
  void removesWhatFollowsApiKeyProvided() {
    assertThat(new Redactor(null).scrub("Incorrect API key provided: abc123xyz. See docs."))
        .isEqualTo("Incorrect API key provided: **** See docs.");
  }

  @Test
  void removesKeyShapedTextOfAnyProvider() {
    String scrubbed = new Redactor(null).scrub(
        "echo: sk-proj-AbCdEf123456 and sk-ant-api03-XyZ0123456789-abc and gsk-1234567890abc"
            + " and AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv and AKIAIOSFODNN7EXAMPLE");

    assertThat(scrubbed).doesNotContain("AbCdEf123456").doesNotContain("XyZ0123456789").doesNotContain("1234567890abc")
        .doesNotContain("SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv").doesNotContain("IOSFODNN7EXAMPLE")
        .contains("sk-****").contains("gsk-****").contains("AIza****").contains("AKIA****");
  }

  @Test
  void removesBearerTokensAndCredentialHeadersEchoedInABody() {
    String body = "{\"headers\":{\"authorization\":\"Bearer tok_0123456789abcdef\",\"x-api-key\":\"plainsecret123\","
        + "\"x-goog-api-key\": \"another-secret-9876\"},\"url\":\"https://h/v1?key=querysecret123&alt=sse\"}";

    String scrubbed = new Redactor(null).scrub(body);

    assertThat(scrubbed).doesNotContain("tok_0123456789abcdef").doesNotContain("plainsecret123")
        .doesNotContain("another-secret-9876").doesNotContain("querysecret123")
        .contains("Bearer ****").contains("key=****").contains("&alt=sse");
  }

  @Test
  void removesTheValuesOfExtraHeadersButNotOfWellKnownPublicOnes() {
    Redactor r = Redactor.of(null, Map.of(
        "X-Portkey-Api-Key", "pk-live-abcdefgh1234",
        "Authorization", "Token zzzzzzzz99999999",
        "anthropic-beta", "context-1m-2025-08-07",
        "X-Short", "abc"));

    String scrubbed = r.scrub("gateway said pk-live-abcdefgh1234 / zzzzzzzz99999999 about context-1m-2025-08-07 and abc");

    assertThat(scrubbed).isEqualTo("gateway said **** / **** about context-1m-2025-08-07 and abc");
  }

  @Test
  void aKeyReadWithATrailingNewlineIsRemovedToo() {
    assertThat(new Redactor(Secret.of(KEY + "\n")).scrub("echo " + KEY + " end")).isEqualTo("echo **** end");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    Redactor r = new Redactor(Secret.of(KEY));
    assertThat(r.scrub("Overloaded")).isEqualTo("Overloaded");
    assertThat(r.scrub("input token count (1200) exceeds the maximum; authorization required"))
        .isEqualTo("input token count (1200) exceeds the maximum; authorization required");
    assertThat(r.scrub("task-assessment risk-analysis")).isEqualTo("task-assessment risk-analysis");
  }

  @Test
  void anExceptionIsCopiedWithItsMessageProviderMessageAndCausesScrubbed() {
    // As a JSON parser reports a body it cannot read: quoting the token.
    IllegalArgumentException parse = new IllegalArgumentException("Unrecognized token '" + KEY + "': was expecting JSON");
    LlmException original = LlmException.builder(ErrorKind.RATE_LIMITED, "slow down, " + KEY)
        .provider("acme").model("m").httpStatus(429).providerMessage("for key " + KEY).requestId("req-1")
        .cause(new IOException("wrapped", parse)).build();

    LlmException scrubbed = new Redactor(Secret.of(KEY)).scrub(original);

    assertThat(scrubbed).isInstanceOf(RateLimitException.class).isNotSameAs(original);
    assertThat(scrubbed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(scrubbed.httpStatus()).hasValue(429);
    assertThat(scrubbed.requestId()).contains("req-1");
    assertThat(scrubbed.getStackTrace()).isEqualTo(original.getStackTrace());
    assertThat(printed(scrubbed)).doesNotContain(KEY).contains("slow down, ****")
        .contains("java.io.IOException: wrapped").contains(IllegalArgumentException.class.getName());
    assertThat(scrubbed.providerMessage()).contains("for key ****");
    assertThat(scrubbed.getCause().getCause()).isInstanceOf(Redactor.RedactedCause.class);
    assertThat(((Redactor.RedactedCause) scrubbed.getCause().getCause()).originalClass())
        .isEqualTo(IllegalArgumentException.class.getName());
  }

  @Test
  void aCleanExceptionIsReturnedAsItIs() {
    LlmException clean = LlmException.builder(ErrorKind.SERVER_ERROR, "boom").cause(new IOException("reset")).build();

    assertThat(new Redactor(Secret.of(KEY)).scrub(clean)).isSameAs(clean);
  }

  @Test
  void anInvalidRequestKeepsItsProblems() {
    InvalidRequestException original = new InvalidRequestException(List.of("extraParams 'x' holds " + KEY, "topP is NaN"));

    LlmException scrubbed = new Redactor(Secret.of(KEY)).scrub(original);

    assertThat(scrubbed).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.problems()).containsExactly("extraParams 'x' holds ****", "topP is NaN"));
  }

  @Test
  void aCauseCycleDoesNotLoop() {
    IllegalStateException a = new IllegalStateException("a " + KEY);
    IllegalStateException b = new IllegalStateException("b", a);
    a.initCause(b);

    Throwable safe = new Redactor(Secret.of(KEY)).safeCause(b);

    assertThat(printed(safe)).doesNotContain(KEY);
  }

  @Test
  void snippetsAreScrubbed() {
    assertThat(new Redactor(Secret.of(KEY)).snippet(("<html>key " + KEY + "</html>").getBytes()))
        .isEqualTo("<html>key ****</html>");
    assertThat(HttpErrors.snippet("not json: sk-proj-AbCdEf1234567890")).isEqualTo("not json: sk-****");
  }

  private static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out + " " + t;
  }
}
