/**
 * Cutting parsed documents into passages: {@link dev.verity.ingestion.chunking.Chunker} is the seam,
 * {@link dev.verity.ingestion.chunking.StructureAwareChunker} the default (headings kept as context, lists and tables
 * kept whole where they fit, a table row always with its header).
 *
 * <pre>{@code
 * Chunker chunker = new StructureAwareChunker(model.tokenCounter(), ChunkingSettings.defaults());
 * List<ChunkDraft> drafts = chunker.chunk(parsed); // reading order; spans point into parsed.text()
 * }</pre>
 *
 * <p>The trap: a draft's text is a verbatim slice of the document text; context (title, headings) lives beside it,
 * so citation quotes can always be checked with {@code contains}.
 */
@NullMarked
package dev.verity.ingestion.chunking;

import org.jspecify.annotations.NullMarked;
