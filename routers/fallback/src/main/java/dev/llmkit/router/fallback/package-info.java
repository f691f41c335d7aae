/**
 * The {@code fallback} router: an ordered chain of candidates, tried one after the other on transient
 * errors, with separate chains for context-window and content-policy errors, and a context-window
 * check before sending.
 */
@NullMarked
package dev.llmkit.router.fallback;

import org.jspecify.annotations.NullMarked;
