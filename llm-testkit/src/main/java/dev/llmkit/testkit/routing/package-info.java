/**
 * The router contract suite ({@link dev.llmkit.testkit.routing.RouterContractTest}) every router
 * module extends, and the in-memory provider it routes over.
 */
@NullMarked
package dev.llmkit.testkit.routing;

import org.jspecify.annotations.NullMarked;
