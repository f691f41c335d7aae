package dev.llmkit.spi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.RouterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePlanTest {

  @Test
  void next_follows_the_order_for_a_move_on_kind_and_skips_tried_names() {
    RoutePlan plan = RoutePlan.ordered(List.of("a", "b", "c"), "x");
    assertThat(plan.next(ErrorKind.OVERLOADED, Set.of("a"))).isEqualTo("b");
    assertThat(plan.next(ErrorKind.OVERLOADED, Set.of("a", "b", "c"))).isNull();
    assertThat(plan.next(ErrorKind.AUTHENTICATION, Set.of("a"))).isNull();
  }

  @Test
  void a_chain_for_the_kind_wins_over_the_order() {
    RoutePlan plan = RoutePlan.single("a", "x").withChain(ErrorKind.CONTEXT_WINDOW_EXCEEDED, List.of("c", "a"));
    assertThat(plan.next(ErrorKind.CONTEXT_WINDOW_EXCEEDED, Set.of("a"))).isEqualTo("c");
    assertThat(plan.next(ErrorKind.CONTEXT_WINDOW_EXCEEDED, Set.of("a", "c"))).isNull();
    assertThat(plan.names()).containsExactly("a", "c");
  }

  @Test
  void a_plan_is_never_empty_never_names_a_candidate_twice_and_never_waits_negatively() {
    assertThatThrownBy(() -> RoutePlan.ordered(List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutePlan.ordered(List.of("a", "a"), "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutePlan.single("a", "x").withDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settings_reject_unknown_keys_listing_the_known_ones() {
    assertThatThrownBy(() -> RouterSettings.of("r", Map.of("colour", "red"), Set.of("order", "weights")))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("[colour]")
        .hasMessageContaining("[order, weights]");
  }

  @Test
  void settings_read_lists_numbers_and_durations() {
    RouterSettings s = RouterSettings.of("r", Map.of("l", " a, b ,,c", "n", "12", "d", "PT2S", "m", "250", "bad", "x"),
        Set.of("l", "n", "d", "m", "bad"));
    assertThat(s.list("l")).containsExactly("a", "b", "c");
    assertThat(s.number("n", 0)).isEqualTo(12);
    assertThat(s.duration("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.duration("m", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.number("missing", 7)).isEqualTo(7);
    assertThatThrownBy(() -> s.number("bad", 0)).hasMessageContaining("'bad'");
  }
}
