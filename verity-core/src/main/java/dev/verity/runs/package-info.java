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
 */
@NullMarked
package dev.verity.runs;

import org.jspecify.annotations.NullMarked;
