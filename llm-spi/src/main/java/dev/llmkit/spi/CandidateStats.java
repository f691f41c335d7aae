package dev.llmkit.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the host measured recently for a route candidate.
 *
 * @param inFlight calls started and not yet finished
 * @param averageLatency moving average of the latency of recent successful calls, or {@code null} before the first
 * @param errorRate the share of recent calls that failed, from 0 to 1
 * @param requestsLastMinute calls started in the last 60 seconds (for RPM headroom)
 * @param tokensLastMinute tokens (input + output) of calls finished in the last 60 seconds (for TPM headroom)
 */
public record CandidateStats(
    int inFlight, @Nullable Duration averageLatency, double errorRate, long requestsLastMinute, long tokensLastMinute) {

  public static final CandidateStats EMPTY = new CandidateStats(0, null, 0, 0, 0);

  public CandidateStats {
    if (inFlight < 0 || requestsLastMinute < 0 || tokensLastMinute < 0 || errorRate < 0 || errorRate > 1) {
      throw new IllegalArgumentException("negative count or error rate outside [0, 1]");
    }
  }
}
