package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ContentPart.ImageDetail;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Expected numbers come from published sources, never from running jtokkit: each one names its source.
 *
 * <ul>
 *   <li>[tiktoken-tests]: openai/tiktoken, {@code tests/test_encoding.py} ({@code test_simple},
 *       {@code test_basic_encode}, {@code test_simple_regex}, {@code test_encode_surrogate_pairs}).
 *   <li>[cookbook]: openai/openai-cookbook, {@code examples/How_to_count_tokens_with_tiktoken.ipynb}: the token
 *       lists of sections 3 and 5, and the prompt_tokens the OpenAI API reported for the examples of sections 6
 *       and 7.
 *   <li>[vision-guide]: OpenAI's vision guide, "Calculating costs": 1024×1024 at high detail is 765 tokens,
 *       2048×4096 is 1,105, low detail is 85; the patch examples (1024×1024 is 1,024 patches, 1800×2400 is 1,452)
 *       and the per-model base, tile and multiplier figures.
 * </ul>
 */
class TiktokenCounterTest {
  private static final TiktokenCounter O200K = TiktokenCounter.of(TiktokenEncoding.O200K_BASE);
  private static final TiktokenCounter CL100K = TiktokenCounter.of(TiktokenEncoding.CL100K_BASE);
  private static final TiktokenCounter P50K = TiktokenCounter.of(TiktokenEncoding.P50K_BASE);
  private static final TiktokenCounter R50K = TiktokenCounter.of(TiktokenEncoding.R50K_BASE);

  private static List<Integer> ids(TiktokenEncoding encoding, String text) {
    return SharedEncodings.get(encoding).encodeOrdinary(text).boxed();
  }

  @Nested
  class PublishedTokenLists {
    @Test
    void helloWorld() {
      // [tiktoken-tests] test_simple / test_basic_encode
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "hello world")).containsExactly(15339, 1917);
      assertThat(ids(TiktokenEncoding.P50K_BASE, "hello world")).containsExactly(31373, 995);
      assertThat(ids(TiktokenEncoding.R50K_BASE, "hello world")).containsExactly(31373, 995);
      assertThat(CL100K.countText("hello world")).isEqualTo(2);
    }

    @Test
    void tiktokenIsGreat() {
      // [cookbook] section 3: cl100k_base in the 2023 edition, o200k_base in the current one
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "tiktoken is great!")).containsExactly(83, 1609, 5963, 374, 2294, 0);
      assertThat(ids(TiktokenEncoding.O200K_BASE, "tiktoken is great!")).containsExactly(83, 8251, 2488, 382, 2212, 0);
      assertThat(O200K.countText("tiktoken is great!")).isEqualTo(6);
    }

    @Test
    void comparingEncodings() {
      // [cookbook] section 5, compare_encodings
      String word = "antidisestablishmentarianism";
      assertThat(ids(TiktokenEncoding.R50K_BASE, word)).containsExactly(415, 29207, 44390, 3699, 1042);
      assertThat(ids(TiktokenEncoding.P50K_BASE, word)).containsExactly(415, 29207, 44390, 3699, 1042);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, word)).containsExactly(519, 85342, 34500, 479, 8997, 2191);
      assertThat(ids(TiktokenEncoding.O200K_BASE, word)).containsExactly(493, 129901, 376, 160388, 21203, 2367);

      String sum = "2 + 2 = 4";
      assertThat(ids(TiktokenEncoding.R50K_BASE, sum)).containsExactly(17, 1343, 362, 796, 604);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, sum)).containsExactly(17, 489, 220, 17, 284, 220, 19);
      assertThat(ids(TiktokenEncoding.O200K_BASE, sum)).containsExactly(17, 659, 220, 17, 314, 220, 19);

      String birthday = "お誕生日おめでとう";
      assertThat(ids(TiktokenEncoding.P50K_BASE, birthday))
          .containsExactly(2515, 232, 45739, 243, 37955, 33768, 98, 2515, 232, 1792, 223, 30640, 30201, 29557);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, birthday))
          .containsExactly(33334, 45918, 243, 21990, 9080, 33334, 62004, 16556, 78699);
      assertThat(ids(TiktokenEncoding.O200K_BASE, birthday))
          .containsExactly(8930, 9697, 243, 128225, 8930, 17693, 4344, 48669);
      assertThat(R50K.countText(birthday)).isEqualTo(14);
      assertThat(P50K.countText(birthday)).isEqualTo(14);
      assertThat(CL100K.countText(birthday)).isEqualTo(9);
      assertThat(O200K.countText(birthday)).isEqualTo(8);
    }

    @Test
    void regexSplitsAndSurrogatePairs() {
      // [tiktoken-tests] test_simple_regex, test_basic_encode, test_encode_surrogate_pairs
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "rer")).containsExactly(38149);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "'rer")).containsExactly(2351, 81);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "today\n \n")).containsExactly(31213, 27907);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "today\n  \n")).containsExactly(31213, 14211);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, " \u00850")).containsExactly(220, 126, 227, 15);
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "👍")).containsExactly(9468, 239, 235);
    }

    @Test
    void aLoneSurrogateCountsAsTheReplacementCharacter() {
      // [tiktoken-tests] test_encode_surrogate_pairs: "lone surrogate just gets replaced", a lone U+D83D encodes as U+FFFD.
      // jtokkit itself throws an AssertionError on it.
      assertThat(CL100K.countText("\ud83d")).isEqualTo(CL100K.countText("\uFFFD"));
      assertThat(O200K.countText("ab\udc4dcd\ud83d")).isEqualTo(O200K.countText("ab\uFFFDcd\uFFFD"));
      assertThat(O200K.countText("\ud83d\udc4d")).isEqualTo(O200K.countText("👍"));
    }

    @Test
    void specialTokenTextIsOrdinaryText() {
      // [tiktoken-tests] test_special_token: encoding "<|endoftext|>" as text never yields the EOT token
      // (100257 in cl100k_base, test_simple); the counter must neither throw nor count it as 1.
      assertThatCode(() -> CL100K.countText("hello <|endoftext|>")).doesNotThrowAnyException();
      assertThat(ids(TiktokenEncoding.CL100K_BASE, "hello <|endoftext|>")).doesNotContain(100257).hasSizeGreaterThan(2);
      // 7 tokens of framing (3 + "user" + 3 priming) and more than 2 for the text: it is not one special token.
      assertThat(O200K.count(ChatRequest.of(Message.user("<|endoftext|>")))).isGreaterThan(7 + 2);
    }

    @Test
    void emptyTextIsNoToken() {
      assertThat(O200K.countText("")).isZero();
    }
  }

  @Nested
  class CookbookConversation {
    // [cookbook] section 6: the example conversation; the OpenAI API reported 129 prompt tokens on gpt-3.5-turbo,
    // gpt-4-0613 and gpt-4 (cl100k_base), 124 on gpt-4o and gpt-4o-mini (o200k_base).
    private final String[][] messages = {
        {"system", null, "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
        {"system", "example_user", "New synergies will help drive top-line growth."},
        {"system", "example_assistant", "Things working well together will increase revenue."},
        {"system", "example_user", "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
        {"system", "example_assistant", "Let's talk later when we're less busy about how to do better."},
        {"user", null, "This late pivot means we don't have time to boil the ocean for the client deliverable."},
    };

    private long cookbook(TiktokenCounter counter) {
      long n = TiktokenCounter.REPLY_PRIMING;
      for (String[] m : messages) {
        n += counter.message(m[0], m[1], m[2]);
      }
      return n;
    }

    @Test
    void matchesThePromptTokensTheApiReported() {
      assertThat(cookbook(CL100K)).isEqualTo(129);
      assertThat(cookbook(O200K)).isEqualTo(124);
      assertThat(cookbook(TiktokenCounter.forModel("gpt-3.5-turbo"))).isEqualTo(129);
      assertThat(cookbook(TiktokenCounter.forModel("gpt-4"))).isEqualTo(129);
      assertThat(cookbook(TiktokenCounter.forModel("gpt-4o-mini"))).isEqualTo(124);
    }

    @Test
    void aChatRequestCountsAsTheCookbookFunctionDoes() {
      // ChatRequest messages carry no name: the request count is the cookbook's arithmetic without names.
      ChatRequest.Builder request = ChatRequest.builder();
      long expected = TiktokenCounter.REPLY_PRIMING;
      for (String[] m : messages) {
        request.message(m[0].equals("system") ? Message.system(m[2]) : Message.user(m[2]));
        expected += O200K.message(m[0], null, m[2]);
      }
      assertThat(O200K.count(request.build())).isEqualTo(expected);
      // Each name costs TOKENS_PER_NAME + its own tokens, so the named version is above it by at least 2 a name.
      assertThat(expected).isLessThanOrEqualTo(124 - 4 * 2);
    }
  }

  @Nested
  class CookbookTools {
    // [cookbook] section 7: this tool and these two messages; the API reported 105 prompt tokens on gpt-3.5-turbo
    // and gpt-4, 101 on gpt-4o and gpt-4o-mini. The JSON of the tool is an estimate that errs high.
    private ChatRequest request() {
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("type", "object");
      parameters.put("properties", Map.of(
          "location", Map.of("type", "string", "description", "The city and state, e.g. San Francisco, CA"),
          "unit", Map.of("type", "string", "description", "The unit of temperature to return",
              "enum", List.of("celsius", "fahrenheit"))));
      parameters.put("required", List.of("location"));
      return ChatRequest.builder()
          .system("You are a helpful assistant that can answer to questions about the weather.")
          .user("What's the weather like in San Francisco?")
          .tool(ToolSpec.of("get_current_weather", "Get the current weather in a given location", parameters))
          .build();
    }

    @Test
    void toolDefinitionsCountAtOrSomewhatAboveWhatTheApiReported() {
      assertThat(O200K.count(request())).isBetween(101L, 101L * 115 / 100);
      assertThat(CL100K.count(request())).isBetween(105L, 105L * 115 / 100);
    }

    @Test
    void theCountDoesNotDependOnMapOrder() {
      ChatRequest r = request();
      ToolSpec t = r.tools().get(0);
      Map<String, Object> reversed = new LinkedHashMap<>();
      reversed.put("required", t.parameters().get("required"));
      reversed.put("properties", t.parameters().get("properties"));
      reversed.put("type", "object");
      ChatRequest other = r.toBuilder().tools(List.of(ToolSpec.of(t.name(), t.description(), reversed))).build();
      assertThat(O200K.count(other)).isEqualTo(O200K.count(r));
    }
  }

  @Nested
  class MessageShapes {
    @Test
    void toolCallsCountFramingNameAndArguments() {
      ToolCall call = new ToolCall("call_1", "get_current_weather", "{\"location\":\"Paris, France\"}");
      ChatRequest withCall = ChatRequest.of(AssistantMessage.ofToolCalls(List.of(call)));
      long expected = TiktokenCounter.REPLY_PRIMING + TiktokenCounter.TOKENS_PER_MESSAGE + O200K.countText("assistant")
          + TiktokenCounter.TOKENS_PER_TOOL_CALL + O200K.countText(call.name()) + O200K.countText(call.arguments());
      assertThat(O200K.count(withCall)).isEqualTo(expected);
    }

    @Test
    void toolResultsCountNameAndContentButNotTheId() {
      ChatRequest a = ChatRequest.of(new ToolMessage("call_1", "lookup", "{\"stock\":4}", false));
      ChatRequest b = ChatRequest.of(new ToolMessage("call_a_much_longer_identifier_0123456789", "lookup", "{\"stock\":4}", false));
      assertThat(O200K.count(a)).isEqualTo(O200K.count(b))
          .isEqualTo(TiktokenCounter.REPLY_PRIMING + TiktokenCounter.TOKENS_PER_MESSAGE + O200K.countText("tool")
              + O200K.countText("lookup") + O200K.countText("{\"stock\":4}"));
    }

    @Test
    void reasoningIsNotSentBackSoNotCounted() {
      AssistantMessage plain = AssistantMessage.of("42");
      AssistantMessage reasoned = new AssistantMessage("42", List.of(), List.of(Reasoning.of("Let me think about it at length.")));
      assertThat(O200K.count(ChatRequest.of(reasoned))).isEqualTo(O200K.count(ChatRequest.of(plain)));
    }

    @Test
    void aJsonSchemaResponseFormatCounts() {
      ChatRequest plain = ChatRequest.of(Message.user("Give me a person."));
      ChatRequest schema = plain.toBuilder().responseFormat(ResponseFormat.jsonSchema("person",
          Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))), true)).build();
      assertThat(O200K.count(schema)).isGreaterThan(O200K.count(plain) + 10);
      assertThat(O200K.count(plain.toBuilder().responseFormat(ResponseFormat.jsonObject()).build()))
          .isEqualTo(O200K.count(plain));
    }
  }

  @Nested
  class Images {
    private final TiktokenCounter gpt4o = TiktokenCounter.forModel("gpt-4o");

    @Test
    void tileFormula() {
      // [vision-guide] worked examples
      assertThat(gpt4o.imageTokens(1024, 1024, ImageDetail.HIGH)).isEqualTo(765);
      assertThat(gpt4o.imageTokens(2048, 4096, ImageDetail.HIGH)).isEqualTo(1105);
      assertThat(gpt4o.imageTokens(4096, 8192, ImageDetail.LOW)).isEqualTo(85);
      // a small image is one tile: 85 + 170 (the published rule, no published example)
      assertThat(gpt4o.imageTokens(512, 512, ImageDetail.AUTO)).isEqualTo(255);
    }

    @Test
    void perModelCosts() {
      // [vision-guide] base and tile figures: gpt-4o-mini 2,833 + 5,667 a tile; o1/o3 75 + 150; gpt-5 70 + 140
      assertThat(TiktokenCounter.forModel("gpt-4o-mini").imageTokens(1024, 1024, ImageDetail.HIGH)).isEqualTo(2833 + 4 * 5667);
      assertThat(TiktokenCounter.forModel("gpt-4o-mini").imageTokens(1024, 1024, ImageDetail.LOW)).isEqualTo(2833);
      assertThat(TiktokenCounter.forModel("o3").imageTokens(1024, 1024, ImageDetail.HIGH)).isEqualTo(75 + 4 * 150);
      assertThat(TiktokenCounter.forModel("gpt-5").imageTokens(1024, 1024, ImageDetail.HIGH)).isEqualTo(70 + 4 * 140);
      // [vision-guide] patch examples: 1,024 and 1,452 patches, times the model's multiplier (1.62 for gpt-4.1-mini)
      assertThat(TiktokenCounter.ImageCost.patchCount(1024, 1024)).isEqualTo(1024);
      assertThat(TiktokenCounter.ImageCost.patchCount(1800, 2400)).isEqualTo(1452);
      assertThat(TiktokenCounter.forModel("gpt-4.1-mini").imageTokens(1800, 2400, ImageDetail.LOW))
          .isEqualTo((long) Math.ceil(1452 * 1.62));
      assertThat(TiktokenCounter.ImageCost.patchCount(20_000, 20_000)).isLessThanOrEqualTo(1536);
    }

    @Test
    void anImageOfUnknownSizeCountsAsA1024Square() {
      ChatRequest byUrl = ChatRequest.of(Message.user(ContentPart.text("What is this?"), ContentPart.Image.ofUrl("https://example.com/cat.png")));
      ChatRequest text = ChatRequest.of(Message.user(ContentPart.text("What is this?")));
      assertThat(gpt4o.count(byUrl) - gpt4o.count(text)).isEqualTo(765);
      ChatRequest low = ChatRequest.of(Message.user(ContentPart.text("What is this?"),
          ContentPart.Image.ofUrl("https://example.com/cat.png").withDetail(ImageDetail.LOW)));
      assertThat(gpt4o.count(low) - gpt4o.count(text)).isEqualTo(85);
    }

    @Test
    void theSizeOfInlineImagesIsReadFromTheirHeader() throws IOException {
      assertThat(gpt4o.imageTokens(ContentPart.Image.ofBytes(image("png", 512, 512), "image/png"))).isEqualTo(255);
      assertThat(gpt4o.imageTokens(ContentPart.Image.ofBytes(image("jpg", 1024, 1024), "image/jpeg"))).isEqualTo(765);
      assertThat(gpt4o.imageTokens(ContentPart.Image.ofBytes(image("gif", 2048, 4096), "image/gif"))).isEqualTo(1105);
      String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(image("png", 100, 50));
      assertThat(gpt4o.imageTokens(ContentPart.Image.ofUrl(dataUrl))).isEqualTo(255);
    }
  }

  @Nested
  class Documents {
    @Test
    void aTextDocumentCountsAsItsText() {
      String text = "Quarterly report: revenue grew 12% while costs fell.";
      ChatRequest doc = ChatRequest.of(Message.user(
          ContentPart.Document.ofBytes(text.getBytes(StandardCharsets.UTF_8), "text/plain")));
      assertThat(O200K.count(doc)).isEqualTo(O200K.count(ChatRequest.of(Message.user(text))));
    }

    @Test
    void aPdfCountsPerPage() {
      String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
          + "2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >> endobj\n"
          + "3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n4 0 obj <</Type/Page/Parent 2 0 R>> endobj\n"
          + "5 0 obj << /Type\n/Page /Parent 2 0 R >> endobj\n%%EOF";
      ContentPart.Document document = ContentPart.Document.ofBytes(pdf.getBytes(StandardCharsets.ISO_8859_1), "application/pdf");
      ChatRequest empty = ChatRequest.of(Message.user(""));
      assertThat(O200K.count(ChatRequest.of(Message.user(document))) - O200K.count(empty))
          .isEqualTo(3L * TiktokenCounter.PDF_PAGE_TOKENS);
    }
  }

  @Test
  void namesItsVocabulary() {
    assertThat(O200K.name()).isEqualTo("tiktoken:o200k_base");
    assertThat(TiktokenCounter.forModel("gpt-3.5-turbo").name()).isEqualTo("tiktoken:cl100k_base");
  }

  static byte[] image(String format, int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).as("ImageIO writes " + format).isTrue();
    return out.toByteArray();
  }
}
