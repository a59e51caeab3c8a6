/**
 * Evaluation datasets: {@link dev.verity.eval.dataset.VerityJsonl} (labelled questions, {@code docs/eval-dataset.md})
 * and {@link dev.verity.eval.dataset.Beir} with {@link dev.verity.eval.dataset.BeirCorpus} (public benchmarks), both
 * read into a {@link dev.verity.eval.dataset.Dataset} of {@link dev.verity.eval.dataset.EvalCase}s. A bad line is a
 * {@link dev.verity.eval.dataset.DatasetException} that names file and line.
 */
@NullMarked
package dev.verity.eval.dataset;

import org.jspecify.annotations.NullMarked;
