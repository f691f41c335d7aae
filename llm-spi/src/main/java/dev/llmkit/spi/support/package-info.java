/**
 * JDK-only helpers every provider needs: SSE and NDJSON decoding over raw bytes, a back-pressured
 * event publisher over a {@code java.net.http} exchange, response assembly from stream deltas,
 * response-header metadata (request id, rate limits, proxy cost), Retry-After parsing, HTTP error
 * mapping, and the transport's safety: bounded reads ({@link dev.llmkit.spi.support.ReadLimits}),
 * redirects refused, keys checked at creation ({@link dev.llmkit.spi.support.Credentials}) and scrubbed
 * from every error ({@link dev.llmkit.spi.support.Redactor}), and an executor that starts no thread per
 * call ({@link dev.llmkit.spi.support.HttpClientExecutor}). See the module's README.
 */
@NullMarked
package dev.llmkit.spi.support;

import org.jspecify.annotations.NullMarked;
