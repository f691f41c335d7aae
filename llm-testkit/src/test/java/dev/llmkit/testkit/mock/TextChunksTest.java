package dev.llmkit.testkit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextChunksTest {
  @Test
  void piecesConcatenateToTheTextAndNumberAtMostN() {
    assertThat(TextChunks.split("Hello world", 3)).hasSize(3).containsExactly("Hel", "lo w", "orld");
    assertThat(String.join("", TextChunks.split("{\"city\":\"Paris\"}", 5))).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(TextChunks.split("ab", 5)).containsExactly("a", "b");
    assertThat(TextChunks.split("", 3)).isEmpty();
  }

  @Test
  void cutsMoveToNearbySpacesSoProseArrivesWordByWord() {
    assertThat(TextChunks.split("You said: Tell me a story", 6))
        .containsExactly("You", " said:", " Tell", " me", " a", " story");
  }

  @Test
  void surrogatePairsAreNeverCut() {
    String emoji = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02";

    assertThat(TextChunks.split(emoji, 3)).containsExactly("\uD83D\uDE00", "\uD83D\uDE01", "\uD83D\uDE02");
  }
}
