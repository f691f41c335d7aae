/** The response cache: exact-match answers for requests seen before, behind a pluggable store. */
@NullMarked
package dev.llmkit.core.cache;

import org.jspecify.annotations.NullMarked;
