package dev.llmkit.api;

import java.util.List;

/**
 * A reply that does not match the requested {@link ResponseFormat}: not JSON at all, or JSON that
 * breaks the schema. {@link #schemaPaths()} names where it failed (JSON paths such as {@code $.age},
 * {@code $} for the whole reply) and the message says how; the reply itself is in
 * {@link #partialResponse()}. Its kind is {@link ErrorKind#MALFORMED_RESPONSE}.
 */
public final class StructuredOutputException extends LlmException {
  private static final long serialVersionUID = 1L;

  private final String formatName;
  private final List<String> schemaPaths;

  /**
   * @param builder the error's fields; its kind should be {@link ErrorKind#MALFORMED_RESPONSE}
   * @param formatName the name of the response format (the schema's name)
   * @param schemaPaths where the reply failed, each a JSON path into the reply
   */
  public StructuredOutputException(LlmException.Builder builder, String formatName, List<String> schemaPaths) {
    super(builder);
    this.formatName = formatName;
    this.schemaPaths = List.copyOf(schemaPaths);
  }

  /** The name of the response format the reply failed. */
  public String formatName() {
    return formatName;
  }

  /** Where the reply failed, as JSON paths into it ({@code $} when it is not JSON at all). */
  public List<String> schemaPaths() {
    return schemaPaths;
  }
}
