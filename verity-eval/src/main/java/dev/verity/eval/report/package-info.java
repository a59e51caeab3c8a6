/**
 * The report of a run: {@link dev.verity.eval.report.CaseReport} per case (with each metric's value under its flat
 * {@link dev.verity.eval.report.MetricNames name}), {@link dev.verity.eval.report.Report} with the aggregates computed
 * from them, and {@link dev.verity.eval.report.ReportWriter} for {@code report.json}, the self-contained
 * {@code report.html} and {@code report.md}. {@link dev.verity.eval.report.Reports#read} reads a report back for
 * the gate, comparisons and review samples.
 */
@NullMarked
package dev.verity.eval.report;

import org.jspecify.annotations.NullMarked;
