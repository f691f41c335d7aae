/** The llmkit quickstart: run it with the README's first command. */
@NullMarked
package dev.llmkit.examples.quickstart;

import org.jspecify.annotations.NullMarked;
