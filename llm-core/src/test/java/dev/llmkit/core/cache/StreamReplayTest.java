package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class StreamReplayTest {
  private final ChatResponse response = ResponseCodecTest.fullResponse();

  /** Records what it gets; asks for {@code perEvent} more from inside onNext (a re-entrant request). */
  private static final class Recorder implements Flow.Subscriber<ChatEvent> {
    final List<Object> signals = new ArrayList<>();
    final long initial;
    final long perEvent;
    Flow.Subscription subscription;

    Recorder(long initial, long perEvent) {
      this.initial = initial;
      this.perEvent = perEvent;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (initial != 0) {
        s.request(initial);
      }
    }

    @Override
    public void onNext(ChatEvent item) {
      signals.add(item);
      if (perEvent > 0) {
        subscription.request(perEvent);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      signals.add(throwable);
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  @Test
  void the_events_follow_the_blocks_in_order_with_their_indexes_then_usage_and_completed() {
    List<ChatEvent> events = StreamReplay.eventsOf(response);
    List<AssistantBlock> blocks = response.message().blocks();

    assertThat(events).containsExactly(
        new ChatEvent.ReasoningDelta("I should call the tool", "sig-1", 0),
        new ChatEvent.TextDelta("Let me check.", 1),
        new ChatEvent.ToolCallDelta(0, "call_1", "weather", "{\"city\":\"Paris\",\"days\":[1,2]}", 2),
        new ChatEvent.BlockDelta(blocks.get(3), 3), // redacted thinking arrives whole
        new ChatEvent.BlockDelta(blocks.get(4), 4), // so does a provider-opaque block
        new ChatEvent.ToolCallDelta(1, "call_2", "time", "{}", 5),
        new ChatEvent.UsageUpdate(response.usage()),
        new ChatEvent.Completed(response));
  }

  @Test
  void events_go_out_only_as_they_are_asked_for() {
    Recorder recorder = new Recorder(2, 0);
    new StreamReplay(response).subscribe(recorder);
    assertThat(recorder.signals).hasSize(2);

    recorder.subscription.request(3);
    assertThat(recorder.signals).hasSize(5);

    recorder.subscription.request(3);
    assertThat(recorder.signals).hasSize(9).last().isEqualTo("complete");
  }

  @Test
  void a_request_from_inside_on_next_does_not_nest_emissions() {
    Recorder recorder = new Recorder(1, 1);
    new StreamReplay(response).subscribe(recorder);

    assertThat(recorder.signals).hasSize(9).last().isEqualTo("complete");
    assertThat(recorder.signals.subList(0, 8)).isEqualTo(List.copyOf(StreamReplay.eventsOf(response)));
  }

  @Test
  void cancel_stops_the_replay_and_a_non_positive_request_is_an_error() {
    Recorder cancelled = new Recorder(1, 0);
    new StreamReplay(response).subscribe(cancelled);
    cancelled.subscription.cancel();
    cancelled.subscription.request(10);
    assertThat(cancelled.signals).hasSize(1);

    Recorder wrong = new Recorder(0, 0);
    new StreamReplay(response).subscribe(wrong);
    wrong.subscription.request(0);
    assertThat(wrong.signals).singleElement().isInstanceOf(IllegalArgumentException.class);
  }
}
