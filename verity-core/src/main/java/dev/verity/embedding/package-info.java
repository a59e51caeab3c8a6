/**
 * Text to vectors for the vector leg of retrieval.
 *
 * <p>{@link dev.verity.embedding.EmbeddingModel} is the seam (ONNX in process, or a remote provider); its
 * {@link dev.verity.embedding.TokenCounter} also sizes chunks. Passages go through a
 * {@link dev.verity.embedding.CachingEmbedder}, so re-ingesting unchanged text costs no model call; questions through a
 * {@link dev.verity.embedding.QueryCachingEmbeddingModel}:
 *
 * <pre>{@code
 * CachingEmbedder embedder = new CachingEmbedder(model, cache);
 * CachingEmbedder.Result r = embedder.embed(List.of("Staff get 25 days."), List.of(Hashing.sha256("Staff get 25 days.")));
 * float[] question = model.embedQuery("How many days of leave?");
 * }</pre>
 *
 * <p>The trap: queries and passages are embedded differently (bge prefixes queries with an instruction); never embed a
 * question with {@code embedPassages}.
 */
@NullMarked
package dev.verity.embedding;

import org.jspecify.annotations.NullMarked;
