/**
 * The regression gate: {@link dev.verity.eval.gate.Baseline} keeps the accepted scores (and each case's),
 * {@link dev.verity.eval.gate.Gate#check} fails a run whose gated metric dropped by more than the tolerance and names
 * the cases that got worse.
 */
@NullMarked
package dev.verity.eval.gate;

import org.jspecify.annotations.NullMarked;
