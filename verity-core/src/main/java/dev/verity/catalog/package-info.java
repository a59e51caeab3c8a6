/**
 * What is stored: the catalogue of indexed documents and the originals they came from.
 *
 * <p>{@link dev.verity.catalog.DocumentStore} lists each document once with its
 * {@link dev.verity.catalog.DocumentRecord} (info, version, content hash, parse quality); the
 * {@link dev.verity.catalog.BlobStore} keeps every original by the SHA-256 of its bytes. {@link
 * dev.verity.catalog.Catalog} finds and deletes documents keeping the index, the catalogue and the originals in step:
 *
 * <pre>{@code
 * Catalog catalog = new Catalog(index, documentStore, jobStore, blobs);
 * catalog.find("default", "hr", "doc_0123456789abcdef0123").ifPresent(r -> System.out.println(r.info().title()));
 * catalog.delete("default", "hr", "doc_0123456789abcdef0123"); // index first, then the catalogue, then the original
 * }</pre>
 *
 * <p>This package sits below ingestion and sync so both can use it; it must not depend on them. It learns which
 * originals are still needed through {@link dev.verity.catalog.OriginalReferences}, which the job queue implements.
 */
@NullMarked
package dev.verity.catalog;

import org.jspecify.annotations.NullMarked;
