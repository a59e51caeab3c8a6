/**
 * Archives and other containers whose members become documents of their own.
 *
 * <p>A {@link dev.verity.ingestion.containers.ContainerReader} (the archive reader lives in {@code verity-parsers})
 * extracts members to files; {@link dev.verity.ingestion.containers.ContainerExpansion} first expands the whole tree
 * of nested containers under one {@link dev.verity.ingestion.containers.ExpansionBudget}, so a bomb is refused before
 * anything is indexed, then runs every member through the ingestion pipeline as a child document whose source is its
 * provenance path:
 *
 * <pre>{@code
 * bundle.zip                     container: no text of its own, 0 chunks
 * bundle.zip ▸ reports/q3.docx   child: parent = bundle.zip, same collection, tenant and ACL
 * bundle.zip ▸ notes.txt         child
 * }</pre>
 */
@NullMarked
package dev.verity.ingestion.containers;

import org.jspecify.annotations.NullMarked;
