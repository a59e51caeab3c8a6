/**
 * Seams for evaluating Verity: judges that grade answers. The evaluation harness itself ({@code verity-eval}) runs
 * datasets, computes retrieval and answer metrics and writes reports.
 */
package dev.verity.evaluation;
