/**
 * Containers whose members become documents of their own: {@link dev.verity.parsers.archive.ArchiveReader} extracts
 * the members of zip, tar, gzip, bzip2, xz and 7z files (and {@code .tar.gz}-style combinations) with Apache Commons
 * Compress; {@link dev.verity.parsers.archive.OfficeEmbeddingsReader} the files embedded in Office Open XML documents
 * (workbooks in decks, documents and OLE-wrapped files in reports); {@link dev.verity.parsers.archive.EmbeddedFilesReader}
 * the files attached to PDFs and embedded in RTF and legacy Office files, which a parser process finds with
 * {@link dev.verity.parsers.archive.EmbeddedFilesExtractor}. RAR is not read: the only complete reader (unrar)
 * is under a licence that is not open source.
 *
 * <p>Trap: a member's name is untrusted. Members are written under a generated name in the folder the caller gives
 * ({@code 0-q3.docx}), never under their own path, so {@code ../../etc/passwd} cannot escape it; the path only
 * travels as a label.
 */
@NullMarked
package dev.verity.parsers.archive;

import org.jspecify.annotations.NullMarked;
