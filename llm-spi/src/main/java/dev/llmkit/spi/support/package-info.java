/**
 * JDK-only helpers every provider needs: SSE and NDJSON decoding over raw bytes, a back-pressured
 * event publisher over a {@code java.net.http} exchange, response assembly from stream deltas,
 * Retry-After parsing and HTTP error mapping.
 */
@NullMarked
package dev.llmkit.spi.support;

import org.jspecify.annotations.NullMarked;
