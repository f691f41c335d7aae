package dev.llmkit.core.config;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.util.List;

/**
 * A configuration source (environment variables or a TOML file) that could not be turned into
 * {@link dev.llmkit.api.LlmConfig}s. Its kind is {@link ErrorKind#CONFIGURATION}; {@link #problems()}
 * lists every problem found, each naming the variable, or the key and its section, and the expected
 * form. Values of secrets (API keys, AWS credentials, header values) never appear in it.
 */
public final class ConfigException extends LlmException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  /**
   * @param source where the settings came from, e.g. {@code "the environment"} or a file name
   * @param problems one entry per problem, each self-contained
   */
  public ConfigException(String source, List<String> problems) {
    super(LlmException.builder(ErrorKind.CONFIGURATION, summary(source, problems)));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** Where the settings came from: {@code "the environment"}, or the TOML file's name. */
  public String source() {
    return source;
  }

  /** Every problem found, in the order met. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(String source, List<String> problems) {
    if (problems.size() == 1) {
      return "invalid configuration in " + source + ": " + problems.get(0);
    }
    return "invalid configuration in " + source + " (" + problems.size() + " problems): " + String.join("; ", problems);
  }
}
