package dev.verity.ingestion.containers;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens containers (archives) whose members are documents of their own. Implementations: {@code ArchiveReader} in
 * {@code verity-parsers} (zip, tar, gzip, bzip2, xz, 7z and their combinations such as {@code .tar.gz}).
 *
 * <p>Contract: {@link #isContainer} is cheap and decides by name and first bytes; {@link #read} extracts every member
 * that is a file (not folders, links or devices) into {@code into}, charging each member and each byte to the budget
 * as it goes, and names members by their path inside the container (never escaping {@code into}: a member named
 * {@code ../../etc/passwd} is written under a safe name). A damaged container is rejected {@code CORRUPT}, one over
 * budget {@code RESOURCE_LIMIT}.
 */
public interface ContainerReader {

    /** The members of one container, in the container's order. */
    record Container(String mediaType, List<EmbeddedFile> members) {
        public Container {
            members = List.copyOf(members);
        }
    }

    boolean isContainer(Path file, String fileName);

    Container read(Path file, String fileName, Path into, ExpansionBudget budget) throws DocumentRejectedException;
}
