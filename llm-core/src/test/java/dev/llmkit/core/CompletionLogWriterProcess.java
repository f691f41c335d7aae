package dev.llmkit.core;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Llm;
import dev.llmkit.api.Message;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.nio.file.Path;

/**
 * A second process for {@link CompletionLogNamesTest}: one {@code Llm} with a frozen clock makes
 * {@code args[1]} calls logged into the folder {@code args[0]}.
 */
public final class CompletionLogWriterProcess {
  private CompletionLogWriterProcess() {}

  public static void main(String[] args) {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  static void write(Path folder, int calls) {
    Llm llm = CompletionLogNamesTest.llm(folder, new FakeProviderFactory());
    for (int i = 0; i < calls; i++) {
      llm.complete(ChatRequest.of(Message.user("call " + i)));
    }
  }
}
