/**
 * The composition root: {@link dev.verity.app.assembly.Verity} hands out the use-case services of one data folder
 * (questions, conversations, ingestion and jobs, the catalogue with check and repair, sync, usage, idempotent
 * requests, readiness), each built on first use from {@link dev.verity.app.assembly.Components}, which wires the
 * adapters (Lucene, ONNX, JDBC, parsers, providers) from a {@code VerityConfig}.
 *
 * <pre>{@code
 * try (Verity verity = Verity.forWriting(VerityConfig.from(dataDir, System.getenv()))) {
 *     verity.ingestion().ingest(files, IngestOptions.into("default"), IngestionService.Listener.none());
 *     QueryResult r = verity.query().ask(QueryRequest.of("How long is the notice period?", filter));
 * }
 * }</pre>
 *
 * <p>The trap: commands and controllers take services, never {@code Components}; the ArchitectureTest fails a command
 * that reaches for a store, the index or an engine type.
 */
@NullMarked
package dev.verity.app.assembly;

import org.jspecify.annotations.NullMarked;
