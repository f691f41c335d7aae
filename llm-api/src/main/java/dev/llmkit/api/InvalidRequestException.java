package dev.llmkit.api;

import java.util.List;

/**
 * A request or config that llmkit rejected before sending anything. {@link #problems()} lists every
 * problem found, each naming the field and what to do.
 */
public final class InvalidRequestException extends LlmException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidRequestException(List<String> problems) {
    super(LlmException.builder(ErrorKind.INVALID_REQUEST, summary(problems)));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    if (problems.size() == 1) {
      return "invalid request: " + problems.get(0);
    }
    return "invalid request (" + problems.size() + " problems): " + String.join("; ", problems);
  }
}
