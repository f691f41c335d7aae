package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.core.internal.ModelQuirks.Quirk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelQuirksTest {
  private final ModelQuirks standard = ModelQuirks.standard();

  @Test
  void opus_4_1_takes_temperature_or_top_p_however_its_host_spells_it() {
    for (String name : List.of("claude-opus-4-1", "claude-opus-4-1-20250805", "anthropic/claude-opus-4-1",
        "us.anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1@20250805", "CLAUDE-OPUS-4-1")) {
      assertThat(standard.of(name)).as(name).containsExactly(Quirk.TEMPERATURE_OR_TOP_P);
    }
  }

  @Test
  void models_the_table_does_not_name_have_no_quirks() {
    assertThat(standard.of("claude-3-5-sonnet-20241022")).isEmpty();
    assertThat(standard.of("gpt-4o")).isEmpty();
    assertThat(standard.of("qwen3-coder:30b")).isEmpty();
  }

  @Test
  void openai_reasoning_models_take_no_sampling_but_the_gpt_5_chat_snapshots_do() {
    assertThat(standard.of("o3-mini")).containsExactlyInAnyOrder(Quirk.NO_TEMPERATURE, Quirk.NO_TOP_P);
    assertThat(standard.of("openai/gpt-5-mini")).containsExactlyInAnyOrder(Quirk.NO_TEMPERATURE, Quirk.NO_TOP_P);
    assertThat(standard.of("gpt-5-chat-latest")).isEmpty();
    assertThat(standard.of("gpt-5.1-chat-latest")).isEmpty();
  }

  @Test
  void the_first_matching_rule_wins_and_globs_match_the_whole_name() {
    ModelQuirks table = ModelQuirks.parse(List.of("# comment", "", "m-special*\tnone", "m-*\tno-top-k,no-temperature",
        "*-x\tno-top-p"));

    assertThat(table.of("m-special-2")).isEmpty();
    assertThat(table.of("m-1")).containsExactlyInAnyOrder(Quirk.NO_TOP_K, Quirk.NO_TEMPERATURE);
    assertThat(table.of("a-x")).containsExactly(Quirk.NO_TOP_P);
    assertThat(table.of("a-x-y")).isEmpty();
    assertThat(table.of("xm-1")).isEmpty();
  }
}
