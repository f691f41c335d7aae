package dev.llmkit.benchmarks.clients;

/** The request every client sends. */
public final class Prompt {
  public static final String MODEL = "gpt-4o-mini";
  public static final String SYSTEM = "You are a helpful assistant.";
  public static final String USER = "Hello";
  public static final String API_KEY = "bench";

  private Prompt() {}
}
