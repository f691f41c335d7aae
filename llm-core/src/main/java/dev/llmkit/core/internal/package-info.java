/** The engine's moving parts: the call pipeline stages, metrics and streams. Not for plugins or users. */
@NullMarked
package dev.llmkit.core.internal;

import org.jspecify.annotations.NullMarked;
