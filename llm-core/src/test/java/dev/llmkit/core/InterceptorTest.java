package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InterceptorTest {
  private static final CallAttributes.Key<String> TENANT = CallAttributes.key("test.tenant", String.class);

  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final ChatRequest hello = ChatRequest.builder().system("be brief").user("hello").build();

  private Llm llm(LlmInterceptor... interceptors) {
    Llms.Builder b = Llms.builder().config(LlmConfig.builder().model("fake/m").temperature(0.5).build())
        .registry(PluginRegistry.of(List.of(factory), List.of()));
    for (LlmInterceptor i : interceptors) {
      b.interceptor(i);
    }
    return b.build();
  }

  /** Sees what an application interceptor is meant to see, for every call shape. */
  static final class Recorder implements LlmInterceptor {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final List<LlmCall.Mode> modes = new CopyOnWriteArrayList<>();
    final List<ChatResponse> responses = new CopyOnWriteArrayList<>();
    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ChatResponse> intercept(Chain chain) {
      requests.add(chain.call().request());
      modes.add(chain.call().mode());
      return chain.proceed(chain.call()).whenComplete((r, t) -> {
        if (r != null) {
          responses.add(r);
        } else {
          errors.add(t);
        }
      });
    }

    @Override
    public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
      requests.add(chain.call().request());
      modes.add(chain.call().mode());
      return EventStreams.observe(chain.proceedStream(chain.call()), () -> new EventStreams.Observer() {
        @Override
        public ChatEvent onEvent(ChatEvent event) {
          events.add(event);
          if (event instanceof ChatEvent.Completed c) {
            responses.add(c.response());
          }
          return event;
        }

        @Override
        public Throwable onError(Throwable error) {
          errors.add(error);
          return error;
        }
      });
    }
  }

  private ChatResponse streamed(Llm llm) {
    try (ChatStream stream = llm.stream(hello)) {
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("o"));
      provider.lastStream.submit(new ChatEvent.TextDelta("k"));
      provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("ok", dev.llmkit.api.Usage.of(10, 5))));
      ChatResponse last = null;
      while (it.hasNext()) {
        if (it.next() instanceof ChatEvent.Completed c) {
          last = c.response();
          provider.lastStream.close();
        }
      }
      return last;
    }
  }

  @Nested
  class EveryCallShapeGoesThroughTheSameChain {
    @Test
    void an_interceptor_sees_the_same_request_and_response_on_complete_completeAsync_and_stream() throws Exception {
      Recorder recorder = new Recorder();
      Llm llm = llm(recorder);

      ChatResponse sync = llm.complete(hello);
      ChatResponse async = llm.completeAsync(hello).get(5, TimeUnit.SECONDS);
      ChatResponse stream = streamed(llm);

      assertThat(recorder.modes).containsExactly(LlmCall.Mode.COMPLETE, LlmCall.Mode.ASYNC, LlmCall.Mode.STREAM);
      assertThat(recorder.requests).hasSize(3).allSatisfy(r -> assertThat(r).isEqualTo(hello));
      assertThat(recorder.responses).hasSize(3).allSatisfy(r -> {
        assertThat(r.text()).isEqualTo("ok");
        assertThat(r.usage().inputTokens()).isEqualTo(10);
        assertThat(r.latency()).isPositive(); // accounting sits inside the interceptor
      });
      assertThat(List.of(sync, async, stream)).extracting(ChatResponse::text).containsOnly("ok");
      assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("TextDelta", "TextDelta", "Completed");
    }

    @Test
    void an_interceptor_runs_after_validation_and_before_the_request_is_fitted_to_the_model() {
      Recorder recorder = new Recorder();
      Llm llm = llm(recorder);

      assertThatThrownBy(() -> llm.complete(ChatRequest.builder().build())).hasMessageContaining("messages is empty");
      assertThat(recorder.requests).isEmpty();

      llm.complete(hello);
      assertThat(recorder.requests.get(0).temperature()).isNull(); // as the caller sent it
      assertThat(provider.requests.get(0).chat().temperature()).isEqualTo(0.5); // config default applied after
    }

    @Test
    void interceptors_run_in_the_order_they_were_added_on_the_way_down_and_reverse_on_the_way_back() {
      List<String> trace = new CopyOnWriteArrayList<>();
      LlmInterceptor a = tracing("a", trace);
      LlmInterceptor b = tracing("b", trace);

      llm(a, b).complete(hello);

      assertThat(trace).containsExactly("a>", "b>", "<b", "<a");
    }

    private LlmInterceptor tracing(String name, List<String> trace) {
      return new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          trace.add(name + ">");
          return chain.proceed(chain.call()).thenApply(r -> {
            trace.add("<" + name);
            return r;
          });
        }
      };
    }
  }

  @Nested
  class WhatAnInterceptorCanDo {
    @Test
    void it_rewrites_the_request_for_every_call_shape() {
      LlmInterceptor redact = new LlmInterceptor() {
        ChatRequest scrub(ChatRequest r) {
          List<Message> messages = new ArrayList<>();
          for (Message m : r.messages()) {
            messages.add(m instanceof UserMessage u && u.text().contains("hello")
                ? new UserMessage(List.of(ContentPart.text(u.text().replace("hello", "[redacted]")))) : m);
          }
          return r.toBuilder().messages(messages).build();
        }

        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          return chain.proceed(chain.call().withRequest(scrub(chain.call().request())));
        }

        @Override
        public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
          return chain.proceedStream(chain.call().withRequest(scrub(chain.call().request())));
        }
      };
      Llm llm = llm(redact);

      llm.complete(hello);
      llm.completeAsync(hello).join();
      streamed(llm);

      assertThat(provider.requests).hasSize(3).allSatisfy(sent ->
          assertThat(((UserMessage) sent.chat().messages().get(1)).text()).isEqualTo("[redacted]"));
    }

    @Test
    void it_refuses_a_call_with_a_typed_error_and_nothing_is_sent_or_accounted() {
      LlmInterceptor guard = new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          throw LlmException.builder(ErrorKind.CONTENT_POLICY, "blocked by the guardrail").build();
        }
      };
      Llm llm = llm(guard);

      assertThatThrownBy(() -> llm.complete(hello))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
            assertThat(e.model()).contains("m");
          });
      assertThat(llm.completeAsync(hello)).failsWithin(5, TimeUnit.SECONDS)
          .withThrowableThat().withCauseInstanceOf(LlmException.class).withMessageContaining("blocked by the guardrail");
      assertThat(provider.requests).isEmpty();
      assertThat(llm.metrics().snapshot().calls()).isZero();
    }

    @Test
    void it_answers_without_proceeding() {
      ChatResponse canned = FakeProvider.reply("from the interceptor", dev.llmkit.api.Usage.of(0, 0));
      Llm llm = llm(new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          return CompletableFuture.completedFuture(canned);
        }
      });

      assertThat(llm.complete(hello).text()).isEqualTo("from the interceptor");
      assertThat(provider.requests).isEmpty();
    }

    @Test
    void an_attribute_it_sets_reaches_later_stages_and_the_response() {
      List<String> seenLater = new CopyOnWriteArrayList<>();
      LlmInterceptor tag = new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          chain.call().setAttribute(TENANT, "acme");
          return chain.proceed(chain.call().withRequest(chain.call().request().toBuilder().temperature(0.1).build()));
        }

        @Override
        public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
          chain.call().setAttribute(TENANT, "acme");
          return chain.proceedStream(chain.call());
        }
      };
      LlmInterceptor reader = new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          seenLater.add(chain.call().attribute(TENANT).orElse("none"));
          return chain.proceed(chain.call());
        }
      };
      Llm llm = llm(tag, reader);

      ChatResponse sync = llm.complete(hello);
      ChatResponse stream = streamed(llm);

      assertThat(seenLater).containsExactly("acme");
      for (ChatResponse r : List.of(sync, stream)) {
        assertThat(r.metadata().attributes().get(TENANT)).contains("acme");
        assertThat(r.metadata().attributes().get(CallAttributes.ATTEMPTS)).contains(1);
      }
    }

    @Test
    void an_observer_that_throws_ends_the_stream_with_its_error_and_closes_the_exchange() {
      Llm llm = llm(new LlmInterceptor() {
        @Override
        public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
          return EventStreams.map(chain.proceedStream(chain.call()), e -> {
            throw new IllegalStateException("tracing backend down");
          });
        }
      });
      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("o"));

      assertThatThrownBy(it::hasNext).hasMessageContaining("tracing backend down");
      assertThat(provider.lastStream.getNumberOfSubscribers()).isZero();
      assertThat(llm.metrics().snapshot().failures()).isEqualTo(1);
    }
  }
}
