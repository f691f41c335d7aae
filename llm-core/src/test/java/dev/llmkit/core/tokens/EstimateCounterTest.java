package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EstimateCounterTest {
  private static final EstimateCounter ESTIMATE = EstimateCounter.INSTANCE;
  private static final List<TiktokenCounter> TIKTOKEN = List.of(
      TiktokenCounter.of(TiktokenEncoding.O200K_BASE), TiktokenCounter.of(TiktokenEncoding.CL100K_BASE),
      TiktokenCounter.of(TiktokenEncoding.P50K_BASE), TiktokenCounter.of(TiktokenEncoding.R50K_BASE));

  /** Text of many kinds: prose, CJK, emoji sequences, code, digits, whitespace runs, base64, broken surrogates. */
  static List<String> corpus() {
    List<String> texts = new ArrayList<>(List.of(
        "",
        "a",
        " ",
        "hello world",
        "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs!",
        "お誕生日おめでとう",
        "我们在北京的天安门广场见面，然后去吃烤鸭。這是繁體中文。",
        "한국어 문장도 토큰화해 봅시다.",
        "Привет, мир! Съешь же ещё этих мягких французских булок.",
        "مرحبا بالعالم، هذه جملة عربية.",
        "नमस्ते दुनिया, यह एक हिंदी वाक्य है।",
        "สวัสดีชาวโลก ภาษาไทยไม่มีช่องว่างระหว่างคำ",
        "👍👨‍👩‍👧‍👦🏳️‍🌈🇫🇷🧑🏽‍💻 emoji 🎉🎉🎉",
        "\uD83D",
        "\uDC4D lone low and \uD83D lone high surrogates",
        "public static void main(String[] args) {\n    System.out.println(\"hi\" + args.length);\n}\n",
        "def f(x):\n\treturn [i ** 2 for i in range(x) if i % 3 == 0]  # comment\n",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":0}},\"required\":[\"a\"]}",
        "SELECT u.id, COUNT(*) FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.id HAVING COUNT(*) > 3;",
        "3.14159265358979323846264338327950288419716939937510 1234567890 0x7fffffff 1e-9",
        "                                                      indented after many spaces",
        "\n\n\n\n\t\t\t\r\n  \u00a0\u2003\u3000",
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        "https://example.com/a/b?c=d&e=f#g mailto:someone@example.org",
        "<|endoftext|><|im_start|>system<|im_end|><|fim_prefix|>",
        "ÀÉÎÕÜ àéîõü ß Æ Ø Å ÿ \u0301\u0308 combining",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕄𝕒𝕥𝕙 𝟘𝟙𝟚 𐍈 𓀀",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "!!!!!!!!????????........,,,,,,,;;;;;;::::::''''''\"\"\"\"````~~~~^^^^"));
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(200);
      for (int j = 0; j < len; j++) {
        int kind = random.nextInt(5);
        int cp = switch (kind) {
          case 0 -> 0x20 + random.nextInt(0x5F);
          case 1 -> 0xA0 + random.nextInt(0x700);
          case 2 -> 0x3040 + random.nextInt(0x6000);
          case 3 -> 0x1F300 + random.nextInt(0x300);
          default -> random.nextInt(0x110000);
        };
        sb.appendCodePoint(cp); // includes lone surrogates (0xD800-0xDFFF) now and then
      }
      texts.add(sb.toString());
    }
    return texts;
  }

  @Nested
  class UpperBound {
    @Test
    void utf8BytesNeverCountFewerThanAnyTiktokenVocabularyForAnyText() {
      for (String text : corpus()) {
        for (TiktokenCounter counter : TIKTOKEN) {
          assertThat(TextSizes.utf8Length(text)).as("%s on %s", counter.name(), text).isGreaterThanOrEqualTo(counter.countText(text));
        }
      }
    }

    @Test
    void neverBelowTheTiktokenCountOfARequest() {
      List<String> texts = corpus();
      for (int i = 0; i + 3 < texts.size(); i += 3) {
        ChatRequest request = request(texts.get(i), texts.get(i + 1), texts.get(i + 2), texts.get(i + 3));
        long bound = ESTIMATE.upperBound(request);
        for (TiktokenCounter counter : TIKTOKEN) {
          assertThat(bound).as("%s on request %d", counter.name(), i).isGreaterThanOrEqualTo(counter.count(request));
        }
        for (String model : List.of("gpt-4o", "gpt-4.1-nano", "o4-mini", "gpt-5")) {
          assertThat(bound).as(model).isGreaterThanOrEqualTo(TiktokenCounter.forModel(model).count(request));
        }
        assertThat(bound).isGreaterThanOrEqualTo(ESTIMATE.count(request));
      }
    }

    @Test
    void anImageIsBoundedByEveryPublishedMaximumButGpt4oMinis() {
      int[][] sizes = {{768, 2048}, {2048, 768}, {4096, 4096}, {20_000, 600}, {600, 20_000}, {1, 1}, {8000, 8000}};
      for (String model : List.of("gpt-4o", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini", "o1", "o3", "gpt-5",
          "gpt-5-mini", "gpt-5-nano")) {
        for (int[] s : sizes) {
          for (ImageDetail detail : ImageDetail.values()) {
            assertThat(TiktokenCounter.forModel(model).imageTokens(s[0], s[1], detail))
                .as("%s %dx%d %s", model, s[0], s[1], detail)
                .isLessThanOrEqualTo(EstimateCounter.IMAGE_UPPER_BOUND);
          }
        }
      }
      assertThat(TiktokenCounter.forModel("gpt-4o-mini").imageTokens(768, 2048, ImageDetail.HIGH))
          .isGreaterThan(EstimateCounter.IMAGE_UPPER_BOUND); // the documented exception
    }

    @Test
    void isTheSumOfTheDocumentedParts() {
      ChatRequest request = ChatRequest.of(Message.system("abc"), Message.user("héllo"));
      long expected = EstimateCounter.REPLY_PRIMING_BOUND
          + EstimateCounter.MESSAGE_OVERHEAD_BOUND + "system".length() + 3 + EstimateCounter.PIECE_OVERHEAD_BOUND
          + EstimateCounter.MESSAGE_OVERHEAD_BOUND + "user".length() + 6 + EstimateCounter.PIECE_OVERHEAD_BOUND;
      assertThat(ESTIMATE.upperBound(request)).isEqualTo(expected);
      assertThat(TokenCounters.upperBound().applyAsLong(request)).isEqualTo(expected);
    }
  }

  @Nested
  class Estimate {
    @Test
    void isAQuarterOfTheUtf8BytesPlusFraming() {
      ChatRequest request = ChatRequest.of(Message.user("abcdefghi")); // 9 bytes -> 3 tokens
      assertThat(ESTIMATE.count(request)).isEqualTo(EstimateCounter.REPLY_PRIMING + EstimateCounter.MESSAGE_OVERHEAD + 3);
      assertThat(EstimateCounter.estimateText("日本")).isEqualTo(2); // 6 bytes
      assertThat(EstimateCounter.estimateText("")).isZero();
    }

    @Test
    void staysNearTiktokenOnEnglishProseAndCode() {
      String prose = "Token counting lets a caller decide, before sending anything, whether a conversation still fits "
          + "the model's context window, and how much a call will cost. When it does not fit, the usual remedy is to "
          + "summarize the oldest turns, drop tool results that are no longer needed, or switch to a model whose "
          + "window is larger. Budgets need a figure that errs high rather than low.";
      String code = "for (Message m : request.messages()) {\n  total += overhead + countText(m.role());\n}\n";
      for (String text : List.of(prose, code)) {
        long o200k = TIKTOKEN.get(0).countText(text);
        assertThat((double) EstimateCounter.estimateText(text) / o200k).as(text).isBetween(0.6, 1.6);
      }
    }

    @Test
    void countsImagesDocumentsToolsAndReasoning() {
      ChatRequest text = ChatRequest.of(Message.user("see"));
      ChatRequest withImage = ChatRequest.of(Message.user(ContentPart.text("see"), ContentPart.Image.ofUrl("https://x/y.png")));
      assertThat(ESTIMATE.count(withImage) - ESTIMATE.count(text)).isEqualTo(EstimateCounter.IMAGE_TOKENS);
      assertThat(ESTIMATE.upperBound(withImage) - ESTIMATE.upperBound(text)).isEqualTo(EstimateCounter.IMAGE_UPPER_BOUND);

      ChatRequest withTool = text.toBuilder().tool(ToolSpec.of("f", "does f", Map.of("type", "object"))).build();
      assertThat(ESTIMATE.count(withTool) - ESTIMATE.count(text))
          .isEqualTo(EstimateCounter.TOOLS_PREAMBLE + EstimateCounter.estimateText(TextSizes.toolJson(withTool.tools().get(0))));

      AssistantMessage thought = new AssistantMessage("ok", List.of(new ToolCall("c1", "f", "{}")),
          List.of(Reasoning.of("12345678"), Reasoning.redacted("abcd")));
      assertThat(ESTIMATE.count(ChatRequest.of(thought)) - ESTIMATE.count(ChatRequest.of(AssistantMessage.of("ok"))))
          .isEqualTo(2 + 1 + EstimateCounter.TOOL_CALL_OVERHEAD + 1 + 1);

      String doc = "x".repeat(400);
      ChatRequest withDoc = ChatRequest.of(Message.user(
          ContentPart.Document.ofBytes(doc.getBytes(StandardCharsets.UTF_8), "text/markdown")));
      assertThat(ESTIMATE.count(withDoc)).isEqualTo(ESTIMATE.count(ChatRequest.of(Message.user(doc))));
    }

    @Test
    void hasAName() {
      assertThat(ESTIMATE.name()).isEqualTo("estimate");
    }
  }

  static ChatRequest request(String a, String b, String c, String d) {
    return ChatRequest.builder()
        .system(a)
        .user(b)
        .message(new AssistantMessage(c, List.of(new ToolCall("call_" + a.length(), "lookup", "{\"q\":" + quote(d) + "}")),
            List.of(Reasoning.of(d))))
        .message(new ToolMessage("call_" + a.length(), "lookup", d, false))
        .message(Message.user(ContentPart.text(c), ContentPart.Image.ofUrl("https://example.com/i.png"),
            ContentPart.Document.ofBytes(a.getBytes(StandardCharsets.UTF_8), "text/plain")))
        .tool(ToolSpec.of("lookup", b, Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string", "description", c)))))
        .responseFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object", "description", d), true))
        .build();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
