/**
 * Keeping the catalogue, the index and the stored originals in step: {@link
 * dev.verity.ingestion.consistency.CatalogService} lists, finds and deletes documents, compares the three
 * ({@code check}) and repairs drift ({@code repair}: removes chunks nothing catalogues, re-ingests drifted documents
 * from their originals, deletes originals nothing needs).
 *
 * <pre>{@code
 * ConsistencyReport report = catalog.check();
 * if (report.drifted()) {
 *     CatalogService.Repair done = catalog.repair(report);
 * }
 * }</pre>
 *
 * <p>It sits above both {@code catalog} and {@code ingestion.jobs}, because repairing re-ingests.
 */
@NullMarked
package dev.verity.ingestion.consistency;

import org.jspecify.annotations.NullMarked;
