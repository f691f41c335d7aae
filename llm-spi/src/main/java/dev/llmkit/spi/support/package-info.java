/**
 * JDK-only helpers every provider needs: SSE and NDJSON decoding over raw bytes, a back-pressured
 * event publisher over a {@code java.net.http} exchange, response assembly from stream deltas,
 * response-header metadata (request id, rate limits, proxy cost), Retry-After parsing, HTTP error
 * mapping and key redaction.
 */
@NullMarked
package dev.llmkit.spi.support;

import org.jspecify.annotations.NullMarked;
