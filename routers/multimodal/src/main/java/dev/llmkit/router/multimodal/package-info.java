/**
 * The {@code multimodal} router: the OpenHands rule. The secondary (cheaper) model answers by default;
 * the primary answers when a message has an image or the prompt exceeds the secondary's context
 * window, after which the conversation sticks to the primary.
 */
@NullMarked
package dev.llmkit.router.multimodal;

import org.jspecify.annotations.NullMarked;
