/**
 * Metrics: the answers, steps, model calls, guard verdicts, ingestion queue, circuit breakers and feedback of this
 * process as Micrometer meters, which {@code verity serve} exposes at {@code /actuator/prometheus} (scope
 * {@code admin} or {@code metrics}).
 *
 * <p>Three sources feed them: a {@link dev.verity.app.observability.metrics.MeteringTracer} that sees every span of
 * every question and ingestion (joined into the process tracer), an answer observer that sees every
 * {@link dev.verity.query.QueryResult}, and gauges read when scraped (circuit states, the job queue, cached).
 *
 * <pre>{@code
 * VerityMetrics metrics = new VerityMetrics(registry, MeterLabels.of(config.llm()), true);
 * QueryService.builder(retriever, generator)
 *         .tracer(metrics.tracer())           // verity_step_seconds, verity_llm_calls_total, guard verdicts
 *         .onAnswer(metrics::answered);        // verity_answers_total, verity_answer_seconds, tokens, cost, cache
 * }</pre>
 *
 * <p>The trap: a label value must come from a bounded set (a span name, an outcome, a configured model), never from
 * a request: a question, an id or a model name a provider echoes would make one time series per request.
 * {@link dev.verity.app.observability.metrics.MeterLabels} maps anything unknown to {@code other}.
 */
@NullMarked
package dev.verity.app.observability.metrics;

import org.jspecify.annotations.NullMarked;
