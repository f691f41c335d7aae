/**
 * The llmkit engine. Applications call {@link dev.llmkit.core.Llms#create} (or install
 * {@link dev.llmkit.core.LlmModule} in Guice); plugins are discovered with {@link java.util.ServiceLoader}.
 * Everything under {@code .internal} may change without notice.
 */
@NullMarked
package dev.llmkit.core;

import org.jspecify.annotations.NullMarked;
