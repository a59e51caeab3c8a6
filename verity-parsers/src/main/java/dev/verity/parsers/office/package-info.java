/**
 * Presentations, read from their own models rather than from Tika's XHTML, which loses slide boundaries and titles:
 * {@link dev.verity.parsers.office.PresentationReader} reads PPTX with POI's slide model,
 * {@link dev.verity.parsers.office.PresentationXmlReader} reads ODP from its {@code content.xml}. Each slide is a page,
 * its title a level-1 heading; its speaker notes, comments, charts, SmartArt and footers are notes
 * ({@link dev.verity.document.NoteKind}), passages of their own. Word processing documents
 * and spreadsheets go through Tika ({@code dev.verity.parsers.tika}).
 *
 * <p>Depends on {@code format} only. Trap: open a package read-only ({@code PackageAccess.READ}) and revert it when
 * done; closing a package opened for writing saves it back to the user's file.
 */
@NullMarked
package dev.verity.parsers.office;

import org.jspecify.annotations.NullMarked;
