/**
 * Tracing: every step of a request is a span with a name, attributes and a duration.
 *
 * <p>Components that do work on a request's path take a {@link dev.verity.observability.Tracer} with the request
 * ({@code Retriever.retrieve(request, tracer)}, {@code AnswerRequest.tracer()}) and open a span per step. The query
 * service gives them a fresh {@link dev.verity.observability.RecordingTracer} per question — joined with the
 * application's own tracer, if any, by {@link dev.verity.observability.Tracer#both} — and reports the recorded
 * durations as the answer's {@code timingsMs}:
 *
 * <pre>{@code
 * RecordingTracer tracer = new RecordingTracer();
 * List<RetrievedChunk> top = retriever.retrieve(request, tracer);
 * tracer.millisByName(); // {bm25=2, embed_query=9, vector=1, rerank=0, fuse=0}
 * }</pre>
 *
 * Where nothing listens, pass {@link dev.verity.observability.Tracer#noop()}; never {@code null}.
 */
@NullMarked
package dev.verity.observability;

import org.jspecify.annotations.NullMarked;
