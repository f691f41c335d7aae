/** Reporting llmkit's Dropwizard metrics: SLF4J, JMX and CSV reporters from code or settings. */
@NullMarked
package dev.llmkit.core.metrics;

import org.jspecify.annotations.NullMarked;
