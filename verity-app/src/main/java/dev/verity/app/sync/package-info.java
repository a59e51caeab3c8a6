/**
 * {@code verity sync} sources: a folder ({@code dev.verity.ingestion.sync.FolderSource}) or a web site
 * ({@link dev.verity.app.sync.WebSource}: one page, a sitemap, robots.txt honoured, conditional GETs), planned and run
 * by {@link dev.verity.app.sync.SyncService}.
 *
 * <pre>{@code
 * verity sync --collection docs https://docs.example.com/sitemap.xml --dry-run
 * }</pre>
 *
 * <p>Only documents an earlier sync of the same source added are ever deleted.
 */
@NullMarked
package dev.verity.app.sync;

import org.jspecify.annotations.NullMarked;
