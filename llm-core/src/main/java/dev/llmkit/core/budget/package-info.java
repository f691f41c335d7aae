/**
 * Spending caps: a {@link dev.llmkit.core.budget.Budget} shared by the {@code Llm}s it should cover
 * (one instance, a service, a whole application), kept in a {@link dev.llmkit.core.budget.BudgetStore}.
 */
@NullMarked
package dev.llmkit.core.budget;

import org.jspecify.annotations.NullMarked;
