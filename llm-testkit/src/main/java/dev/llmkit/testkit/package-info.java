/**
 * Test support for llmkit plugins and applications: {@link dev.llmkit.testkit.ProviderContractTest},
 * the suite every provider module extends, and {@link dev.llmkit.testkit.LlmAssertions} for AssertJ
 * assertions on responses. The mock wire server lives in {@link dev.llmkit.testkit.mock}, the transport
 * and security contract (no key or secret header on any error path) in
 * {@link dev.llmkit.testkit.security}.
 *
 * <pre>{@code
 * class AcmeProviderContractTest extends ProviderContractTest {
 *   protected String providerId() { return "acme"; }
 *   protected String model() { return "acme-1"; }
 *   protected WireDialect dialect() { return WireDialects.openAi(); }
 * }
 * }</pre>
 */
@NullMarked
package dev.llmkit.testkit;

import org.jspecify.annotations.NullMarked;
