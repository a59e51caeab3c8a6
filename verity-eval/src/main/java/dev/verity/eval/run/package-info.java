/**
 * Running a dataset: {@link dev.verity.eval.run.EvalRunner} scores every case in each retrieval mode, asks for the
 * answer and checks it, and asks the judge when there is one, per {@link dev.verity.eval.run.EvalSettings}.
 *
 * <pre>{@code
 * EvalRunner runner = new EvalRunner(retriever, Optional.of(queryService), Optional.empty());
 * List<CaseReport> cases = runner.run(dataset, EvalSettings.defaults(), RunListener.none());
 * }</pre>
 */
@NullMarked
package dev.verity.eval.run;

import org.jspecify.annotations.NullMarked;
