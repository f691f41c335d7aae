/** An example router plugin: {@link dev.llmkit.examples.customrouter.PromptLengthRouterFactory}. */
@NullMarked
package dev.llmkit.examples.customrouter;

import org.jspecify.annotations.NullMarked;
