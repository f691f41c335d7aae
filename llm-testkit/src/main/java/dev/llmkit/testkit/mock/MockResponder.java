package dev.llmkit.testkit.mock;

/**
 * Decides the reply to a request when no scripted reply is queued. Replies queued with {@link
 * MockLlmServer#reply} always win; the responder is the fallback.
 *
 * <pre>{@code
 * mock.fallback(MockResponder.demo());                        // rule-based demo conversation
 * mock.fallback(request -> MockReply.text("always this"));    // a fixed answer
 * }</pre>
 */
@FunctionalInterface
public interface MockResponder {

  /** The reply for this request. */
  MockReply respond(RecordedRequest request);

  /** Answers {@code "You said: <last user text>"}: the server's default, so ad-hoc programs work. */
  static MockResponder echo() {
    return request -> MockReply.text("You said: " + Conversation.lastUserText(request));
  }

  /**
   * A small rule-based model for demos and quickstarts, in every wire format: when the conversation
   * ends with a tool result it answers with a sentence using that result; when the request offers
   * tools it calls the first one with arguments made up from its JSON schema (a {@code city} or
   * {@code location} parameter gets the place named in the question, e.g. "in Paris"); otherwise it
   * echoes the question.
   */
  static MockResponder demo() {
    return DemoResponder.INSTANCE;
  }
}
