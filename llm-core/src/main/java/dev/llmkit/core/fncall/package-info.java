/**
 * Function-calling emulation for models without native tool calling, in the text format of the
 * OpenHands LLM module (so that conversations move between the two unchanged): the tools described at
 * the end of the system prompt, earlier calls and tool results written into the conversation as text,
 * and the reply's {@code <function=NAME>} block parsed back into a validated
 * {@link dev.llmkit.api.ToolCall}. Also the check of tool-call arguments that every model's replies
 * get, native or emulated ({@link dev.llmkit.core.fncall.ToolArguments}).
 */
@NullMarked
package dev.llmkit.core.fncall;

import org.jspecify.annotations.NullMarked;
