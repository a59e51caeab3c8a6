/**
 * A contract suite per seam: abstract JUnit classes that every implementation, fakes included, subclasses in its own
 * module's tests, so the Lucene index and the in-memory one, H2 and PostgreSQL, ONNX and remote embeddings all keep
 * the same promises.
 *
 * <pre>{@code
 * class LuceneIndexTest extends IndexContract {
 *     @TempDir
 *     Path folder;
 *
 *     @Override
 *     protected Index openIndex() {
 *         return LuceneIndex.open(folder, LuceneSettings.defaults());
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>A new implementation of a seam is done when its subclass passes; a new promise of a seam goes here first.
 */
@NullMarked
package dev.verity.testkit.contracts;

import org.jspecify.annotations.NullMarked;
