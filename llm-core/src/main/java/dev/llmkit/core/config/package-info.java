/**
 * Model configs from environment variables and OpenHands-compatible {@code config.toml} files:
 * {@link dev.llmkit.core.config.LlmConfigs} reads them, {@link dev.llmkit.core.config.LlmConfigSet} holds a
 * file's base, named and routing configs, {@link dev.llmkit.core.config.ConfigKeys} is the table of keys.
 */
@NullMarked
package dev.llmkit.core.config;

import org.jspecify.annotations.NullMarked;
