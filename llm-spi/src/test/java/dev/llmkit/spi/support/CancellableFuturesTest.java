package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CancellableFuturesTest {

  @Test
  void orTimeoutOnAMappedFutureCancelsTheSourceAndKeepsTheTimeout() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> mapped = CancellableFutures.map(source, String::length).orTimeout(50, TimeUnit.MILLISECONDS);

    assertThatThrownBy(() -> mapped.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    assertThat(source.isCancelled()).isTrue();
  }

  @Test
  void cancellingAMappedFutureCancelsTheSource() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> mapped = CancellableFutures.map(source, String::length);

    mapped.cancel(true);

    assertThat(source.isCancelled()).isTrue();
    assertThat(mapped.isCancelled()).isTrue();
  }

  @Test
  void theSourcesOwnResultGoesThroughUntouched() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> mapped = CancellableFutures.map(source, String::length);

    source.complete("four");

    assertThat(mapped.get(1, TimeUnit.SECONDS)).isEqualTo(4);
  }
}
