/**
 * Answering one question: {@link dev.verity.query.QueryService} runs the answering path step by step — question
 * guard, retrieval (with fusion and reranking), plan, answer cache, generation, citation check, answer guard — and
 * returns a {@link dev.verity.query.QueryResult} with the verified answer, its trace id and the time of each step.
 *
 * <pre>{@code
 * QueryService service = QueryService.builder(retriever, generator)
 *         .ledger(usage)                 // what answers cost, per caller and model
 *         .runs(runStore)                // one AnswerRun per answer, its id the trace id
 *         .tracer(tracer)                // spans beside the recorded timings, e.g. OpenTelemetry
 *         .questionGuard(Guard.allowAll())
 *         .build();
 * QueryResult result = service.ask(QueryRequest.of("How many days of leave?", SearchFilter.collection("hr")));
 * result.timingsMs(); // {bm25=2, embed_query=9, vector=1, fuse=0, cache=0, extract=3, score_sentences=12,
 *                     //  generate=15, verify=0, total=28}
 * }</pre>
 *
 * Every part but the retriever and the generator defaults to off (no cache, no ledger, no runs, guards that allow
 * everything), so a test builds exactly the service it needs. A refusal by a guard is an answer too: an abstention
 * with the verdict in {@link dev.verity.query.QueryResult#refusal()}.
 */
@NullMarked
package dev.verity.query;

import org.jspecify.annotations.NullMarked;
