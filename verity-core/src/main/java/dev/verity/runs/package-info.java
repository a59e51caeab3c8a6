/**
 * Answer runs: one record per question answered, kept by a {@link dev.verity.runs.RunStore}.
 *
 * <p>The query service builds an {@link dev.verity.runs.AnswerRun} from every result it returns — run id = trace id,
 * the caller, the question, the answer, the generator, model and prompt, the citations, tokens, cost and timings —
 * and hands it to the store after the answer is ready. This package knows nothing of queries (the query service
 * depends on it, never the reverse), so a store can be used by anything that answers.
 *
 * <pre>{@code
 * RunStore runs = new WriteBehindRunStore(new JdbcRunStore(dataSource), e -> log.warn("run lost: {}", e));
 * QueryService service = QueryService.builder(retriever, generator).runs(runs).build();
 * String traceId = service.ask(request).traceId();
 * runs.find(traceId); // the run, as recorded
 * }</pre>
 *
 * A database behind the store must never slow an answer: wrap it in {@link dev.verity.runs.WriteBehindRunStore}.
 *
 * <p>A run also keeps who asked ({@code actor}), its outcome, a {@link dev.verity.runs.RunDetail} (filters, evidence
 * with each leg's rank, route, model attempts, guard verdicts) and the caller's {@link dev.verity.runs.Feedback}.
 * {@link dev.verity.runs.RunService} is the use-case on kept runs: it lists and shows them to who may see them
 * ({@link dev.verity.runs.RunViewer}: the caller's own, an admin the tenant's), stores feedback and tells its
 * observers, and purges runs past retention. {@link dev.verity.runs.RunStore#sampled} keeps every unusual run and a
 * share of the answered ones.
 *
 * <pre>{@code
 * RunService service = new RunService(runs, scrubber, Clock.systemUTC()).onFeedback(metrics::count);
 * RunViewer ana = RunViewer.caller("acme", "key:ana", Set.of("staff"));
 * service.list(ana, RunQuery.of("acme").rating(Feedback.Rating.DOWN)); // Ana's thumbs-down runs
 * service.feedback(ana, traceId, Feedback.Rating.DOWN, Optional.of("wrong year"));
 * }</pre>
 *
 * Trap: a run another caller may not see is reported as absent ({@link dev.verity.runs.RunNotFoundException}), never as
 * forbidden — do not add a 403 path, it would tell who asked what.
 */
@NullMarked
package dev.verity.runs;

import org.jspecify.annotations.NullMarked;
