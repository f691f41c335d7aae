/**
 * The transport and security contract every HTTP provider module extends: the checks that no key
 * and no secret header value ever reaches an exception, a {@code toString}, a log line or another
 * origin, on every call shape (respond, respondAsync, stream).
 *
 * <ul>
 *   <li>{@link dev.llmkit.testkit.security.SecurityWire}: what the contract needs to know about the
 *       provider's wire (factory, model, key header, a successful answer and stream, base path,
 *       SSE or NDJSON), and the helpers that build the provider under test on a loopback server
 *       with a fake key and a secret extra header.
 *   <li>{@link dev.llmkit.testkit.security.TransportSecurityContract}: keys trimmed and checked at
 *       creation, redirects to another origin refused without sending credentials, an empty 200
 *       alike on every call shape, unreadable 200s, error bodies and in-band errors reported without
 *       the secrets, unwritable tool schemas as invalid requests. Its static
 *       {@link dev.llmkit.testkit.security.TransportSecurityContract#failures failures} runs one
 *       request on the three call shapes, for the provider's own tests.
 *   <li>{@link dev.llmkit.testkit.security.KeyHuntContract}: runs
 *       {@link dev.llmkit.testkit.security.KeyHunt} (every error path, with the JDK client's debug
 *       log and every logger on) in a child JVM and hunts for the secrets in all it printed.
 *   <li>{@link dev.llmkit.testkit.security.LoopbackServer}: a JDK HTTP server whose answer, byte for
 *       byte, the test sets.
 * </ul>
 *
 * <pre>{@code
 * class TransportSecurityTest extends TransportSecurityContract {
 *   static final SecurityWire WIRE = SecurityWire.builder(new OllamaProviderFactory(), "llama3")
 *       .keyHeader("Authorization", "Bearer ").okBody(OK_BODY).okStream(OK_STREAM).ndjson().build();
 *
 *   @Override protected SecurityWire wire() { return WIRE; }
 * }
 *
 * class KeyHuntTest extends KeyHuntContract {
 *   @Override protected SecurityWire wire() { return TransportSecurityTest.WIRE; }
 * }
 * }</pre>
 */
@NullMarked
package dev.llmkit.testkit.security;

import org.jspecify.annotations.NullMarked;
