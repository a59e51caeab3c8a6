package dev.verity.parsers.archive;

import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link ContainerReader} for files embedded in PDF (attachments), RTF (embedded objects) and legacy Office files
 * (DOC, PPT, XLS and their templates: OLE objects). The document keeps its own text ({@link Container#ownText()}): its
 * embedded files are extra documents, {@code report.pdf ▸ minutes.txt}.
 *
 * <p>Finding these files takes a real parse of the document, which belongs in a parser process: the {@link Extractor}
 * is {@code IsolatedDocumentParser::extractEmbedded} in ingestion, {@link #inProcess()} where parsing runs in process
 * anyway. Every member the extractor returns is charged again to the {@link ExpansionBudget} of the whole tree, and a
 * member file outside {@code into} is refused, so a confused parser process cannot widen what the reader returns.
 *
 * <p>{@link #isContainer} is cheap: one of these extensions, then the first bytes ({@code %PDF-}, <code>{\rtf</code>,
 * the OLE2 signature), which also choose how the file is read. Trap: every such file is opened twice in a parser
 * process, once to look for embedded files and once to be parsed: cheap for a PDF (PDFBox reads the name tree and the
 * annotations, no text), a second full Tika parse for RTF and legacy Office files.
 */
public final class EmbeddedFilesReader implements ContainerReader {
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("doc", "application/msword"),
            Map.entry("dot", "application/msword"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pps", "application/vnd.ms-powerpoint"),
            Map.entry("pot", "application/vnd.ms-powerpoint"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlt", "application/vnd.ms-excel"));

    /** Writes the files embedded in a document into a folder; where it runs is the point. */
    @FunctionalInterface
    public interface Extractor {
        /**
         * @param maxMembers how many members may still be written
         * @param maxBytes how many bytes may still be written
         * @throws DocumentRejectedException {@code TIMEOUT} or {@code PARSER_CRASHED} when the parser process gave up
         *     on the file
         */
        EmbeddedFilesExtractor.Result extract(Path file, String fileName, Path into, int maxMembers, long maxBytes)
                throws DocumentRejectedException;
    }

    private final Extractor extractor;

    public EmbeddedFilesReader(Extractor extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /** Extraction in this JVM: for {@code verity inspect}, tests, and ingestion with isolation off. */
    public static Extractor inProcess() {
        return (file, fileName, into, maxMembers, maxBytes) ->
                EmbeddedFilesExtractor.extract(file, into, maxMembers, maxBytes);
    }

    @Override
    public boolean isContainer(Path file, String fileName) {
        String ext = extension(fileName);
        if (!MEDIA_TYPES.containsKey(ext)) {
            return false;
        }
        // by content, not name: Word saves RTF under .doc, and the parse reads it by content too
        return EmbeddedFilesExtractor.format(EmbeddedFilesExtractor.head(file)) != null;
    }

    @Override
    public Container read(Path file, String fileName, Path into, ExpansionBudget budget)
            throws DocumentRejectedException {
        EmbeddedFilesExtractor.Result result =
                extractor.extract(file, fileName, into, budget.membersLeft(), budget.bytesLeft());
        List<EmbeddedFile> members = result.members();
        Path folder = into.toAbsolutePath().normalize();
        for (EmbeddedFile member : members) {
            if (!member.file().toAbsolutePath().normalize().startsWith(folder)) {
                throw new IllegalStateException("the extractor wrote " + member.file() + " outside " + folder);
            }
            budget.member(member.path());
            budget.bytes(member.size());
        }
        // the extractor stopped at what was left of the budget: charging one more names the limit as an archive would
        switch (result.exceeded()) {
            case MEMBERS -> {
                for (int i = 1; ; i++) {
                    budget.member("embedded file " + (members.size() + i) + " of " + fileName);
                }
            }
            case BYTES -> budget.bytes(budget.bytesLeft() + 1);
            case NONE -> {}
        }
        return new Container(MEDIA_TYPES.get(extension(fileName)), members, true);
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
