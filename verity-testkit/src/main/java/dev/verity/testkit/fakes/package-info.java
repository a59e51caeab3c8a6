/**
 * Deterministic fakes for unit tests of pure logic: a hashing embedding model (same text, same vector; no model
 * files), an answer generator that quotes its first piece of evidence, and chunk builders.
 *
 * <pre>{@code
 * EmbeddingModel model = new HashingEmbeddingModel(64);
 * }</pre>
 *
 * <p>Not for quality: retrieval and answer quality are measured with the real model (the golden-set gate).
 */
@NullMarked
package dev.verity.testkit.fakes;

import org.jspecify.annotations.NullMarked;
