package dev.verity.ingestion.containers;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens containers whose members are documents of their own: archives, and documents with files embedded in them.
 * Implementations: {@code ArchiveReader} in {@code verity-parsers} (zip, tar, gzip, bzip2, xz, 7z and their
 * combinations such as {@code .tar.gz}), {@code OfficeEmbeddingsReader} (workbooks, documents and PDFs embedded in
 * Office Open XML files), {@code EmbeddedFilesReader} (files attached to PDFs and embedded in RTF and legacy Office
 * files, found in a parser process), and {@link #anyOf} to combine them.
 *
 * <p>Contract: {@link #isContainer} is cheap and decides by name and first bytes; {@link #read} extracts every member
 * that is a file (not folders, links or devices) into {@code into}, charging each member and each byte to the budget
 * as it goes, and names members by their path inside the container (never escaping {@code into}: a member named
 * {@code ../../etc/passwd} is written under a safe name). A damaged container is rejected {@code CORRUPT}, one over
 * budget {@code RESOURCE_LIMIT}.
 */
public interface ContainerReader {

    /**
     * The members of one container, in the container's order.
     *
     * @param ownText true for a document that has text of its own besides its members (a report with an embedded
     *     workbook), which is parsed as usual; false for an archive
     * @param pictures images inside a document, read (by OCR) only when neither the document nor any member has
     *     text: a deck that is one screenshot is not refused as having no text, and the logo on every slide of the
     *     others costs no OCR
     */
    record Container(String mediaType, List<EmbeddedFile> members, boolean ownText, List<EmbeddedFile> pictures) {
        public Container {
            members = List.copyOf(members);
            pictures = List.copyOf(pictures);
        }

        /** Members, and no pictures to fall back on. */
        public Container(String mediaType, List<EmbeddedFile> members, boolean ownText) {
            this(mediaType, members, ownText, List.of());
        }

        /** An archive: members and no text of its own. */
        public Container(String mediaType, List<EmbeddedFile> members) {
            this(mediaType, members, false);
        }
    }

    /** The first of {@code readers} that takes a file reads it. */
    static ContainerReader anyOf(ContainerReader... readers) {
        List<ContainerReader> all = List.of(readers);
        return new ContainerReader() {
            @Override
            public boolean isContainer(Path file, String fileName) {
                return all.stream().anyMatch(r -> r.isContainer(file, fileName));
            }

            @Override
            public Container read(Path file, String fileName, Path into, ExpansionBudget budget)
                    throws DocumentRejectedException {
                for (ContainerReader reader : all) {
                    if (reader.isContainer(file, fileName)) {
                        return reader.read(file, fileName, into, budget);
                    }
                }
                throw new IllegalArgumentException("no reader takes " + fileName);
            }
        };
    }

    boolean isContainer(Path file, String fileName);

    Container read(Path file, String fileName, Path into, ExpansionBudget budget) throws DocumentRejectedException;
}
