/**
 * From files to indexed chunks.
 *
 * <p>{@link dev.verity.ingestion.jobs.IngestionService} runs the pipeline: hash → parse
 * ({@link dev.verity.ingestion.parsing.DocumentParser}) → language → chunk
 * ({@link dev.verity.ingestion.chunking.Chunker}) → embed (cached) → replace in the index → commit → catalogue. Every
 * file ends {@code indexed}, {@code unchanged} or {@code rejected} with a typed
 * {@link dev.verity.ingestion.parsing.RejectionReason}; a bad file never stops the batch and never leaves chunks.
 *
 * <pre>{@code
 * List<IngestResult> results = ingestion.ingest(SourceFiles.expand(List.of(Path.of("docs"))),
 *         IngestOptions.into("default").withAcl(Set.of("hr")), IngestionService.Listener.none());
 * }</pre>
 */
@NullMarked
package dev.verity.ingestion;

import org.jspecify.annotations.NullMarked;
