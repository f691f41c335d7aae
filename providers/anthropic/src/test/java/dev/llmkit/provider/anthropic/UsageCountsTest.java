package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.Usage;
import org.junit.jupiter.api.Test;

class UsageCountsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void one_hour_cache_writes_are_told_apart_from_five_minute_ones() throws Exception {
    // As the Messages API reports a prompt cached partly with a 1-hour TTL.
    Usage usage = UsageCounts.parse(JSON.readTree("""
        {"input_tokens":50,"cache_creation_input_tokens":3000,"cache_read_input_tokens":1000,
         "cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":20}
        """));

    assertThat(usage).isEqualTo(new Usage(4_050L, 20L, 1_000L, 3_000L, null, 2_000L));
  }

  @Test
  void without_the_breakdown_the_split_is_unknown() throws Exception {
    Usage usage = UsageCounts.parse(JSON.readTree("""
        {"input_tokens":50,"cache_creation_input_tokens":3000,"cache_read_input_tokens":0,"output_tokens":20}
        """));

    assertThat(usage.cacheWrite1hTokens()).isNull();
    assertThat(usage.cacheWriteTokens()).isEqualTo(3_000L);
  }
}
