package dev.llmkit.spi.support;

import dev.llmkit.api.LlmException;
import java.net.http.HttpHeaders;

/** Turns a non-2xx response (status, headers, whole body) into the provider's typed error. */
@FunctionalInterface
public interface ErrorResponseMapper {
  LlmException map(int status, HttpHeaders headers, byte[] body);
}
