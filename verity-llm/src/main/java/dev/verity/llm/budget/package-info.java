/**
 * Budgets at the model call: {@link dev.verity.llm.budget.BudgetedLlmProvider} reserves each call's maximum cost with
 * a {@link dev.verity.usage.budget.SpendControl} before the call, refuses it ({@code ProviderException} kind
 * {@code budget}) when a hard limit could be passed, and settles the reported cost after.
 *
 * <pre>{@code
 * LlmProvider provider = new BudgetedLlmProvider(
 *         new ResilientLlmProvider(SpringAiLlmProvider.create(settings), resilience), spend, prices);
 * }</pre>
 *
 * <p>The trap: wrap outside {@code ResilientLlmProvider}, never inside: one reservation then covers the retries, and a
 * refusal is never retried nor counted against the provider's circuit.
 */
@NullMarked
package dev.verity.llm.budget;

import org.jspecify.annotations.NullMarked;
