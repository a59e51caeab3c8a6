package dev.verity.parsers.archive;

import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The {@link ContainerReader} for archives, decided by the file name's extension: a {@code .docx} is a zip too, but
 * a document, not an archive. Members that are folders, links or devices are skipped, and so are the macOS
 * bookkeeping files ({@code __MACOSX/}, {@code .DS_Store}); when an archive holds the same path twice (a tar that was
 * appended to), the last one wins, as when it is extracted.
 *
 * <pre>{@code
 * ContainerReader.Container zip = new ArchiveReader().read(file, "bundle.zip", scratch, budget);
 * zip.members(); // [reports/q3.docx -> scratch/0-q3.docx, notes.txt -> scratch/1-notes.txt]
 * }</pre>
 */
public final class ArchiveReader implements ContainerReader {
    /** 7z decoders (LZMA dictionaries) may allocate at most this much: a header cannot ask for gigabytes. */
    private static final int SEVEN_Z_MEMORY_LIMIT_KIB = 256 * 1024;

    private static final int COPY_BUFFER = 64 * 1024;

    private enum Kind {
        ZIP("application/zip"),
        TAR("application/x-tar"),
        TAR_GZ("application/gzip"),
        TAR_BZ2("application/x-bzip2"),
        TAR_XZ("application/x-xz"),
        GZ("application/gzip"),
        BZ2("application/x-bzip2"),
        XZ("application/x-xz"),
        SEVEN_Z("application/x-7z-compressed");

        final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    @Override
    public boolean isContainer(Path file, String fileName) {
        return kind(fileName).isPresent();
    }

    @Override
    public Container read(Path file, String fileName, Path into, ExpansionBudget budget)
            throws DocumentRejectedException {
        Kind kind = kind(fileName).orElseThrow(() -> new IllegalArgumentException("not an archive name: " + fileName));
        Members members = new Members(into, budget);
        try {
            switch (kind) {
                case ZIP -> readZip(file, members);
                case SEVEN_Z -> readSevenZ(file, members);
                case TAR -> readTar(Files.newInputStream(file), members);
                case TAR_GZ -> readTar(new GzipCompressorInputStream(buffered(file), true), members);
                case TAR_BZ2 -> readTar(new BZip2CompressorInputStream(buffered(file), true), members);
                case TAR_XZ -> readTar(new XZCompressorInputStream(buffered(file), true), members);
                case GZ -> readSingle(new GzipCompressorInputStream(buffered(file), true), fileName, members);
                case BZ2 -> readSingle(new BZip2CompressorInputStream(buffered(file), true), fileName, members);
                case XZ -> readSingle(new XZCompressorInputStream(buffered(file), true), fileName, members);
            }
        } catch (PasswordRequiredException e) {
            throw new DocumentRejectedException(RejectionReason.ENCRYPTED, "the archive is protected by a password", e);
        } catch (IOException | RuntimeException e) {
            // Commons Compress reports damage as IOException or as unchecked exceptions (bad headers, bad sizes)
            throw new DocumentRejectedException(
                    RejectionReason.CORRUPT, "the " + kind.mediaType + " archive is damaged: " + e.getMessage(), e);
        }
        return new Container(kind.mediaType, members.list());
    }

    private static InputStream buffered(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file));
    }

    private static void readZip(Path file, Members members) throws IOException, DocumentRejectedException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory() || entry.isUnixSymlink() || members.skipped(entry.getName())) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    if (entry.getGeneralPurposeBit().usesEncryption()) {
                        throw new DocumentRejectedException(
                                RejectionReason.ENCRYPTED,
                                "the zip member " + entry.getName() + " is protected by a password");
                    }
                    throw new DocumentRejectedException(
                            RejectionReason.UNSUPPORTED_TYPE,
                            "the zip member " + entry.getName() + " uses a compression method Verity cannot read ("
                                    + entry.getMethod() + ")");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    members.add(entry.getName(), in);
                }
            }
        }
    }

    private static void readSevenZ(Path file, Members members) throws IOException, DocumentRejectedException {
        try (SevenZFile sevenZ = SevenZFile.builder()
                .setPath(file)
                .setMaxMemoryLimitKiB(SEVEN_Z_MEMORY_LIMIT_KIB)
                .get()) {
            SevenZArchiveEntry entry;
            while ((entry = sevenZ.getNextEntry()) != null) {
                if (entry.isDirectory() || !entry.hasStream() || members.skipped(entry.getName())) {
                    continue;
                }
                members.add(entry.getName(), sevenZ.getInputStream(entry));
            }
        }
    }

    private static void readTar(InputStream raw, Members members) throws IOException, DocumentRejectedException {
        try (ArchiveInputStream<TarArchiveEntry> tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile() || members.skipped(entry.getName())) {
                    continue;
                }
                members.add(entry.getName(), tar);
            }
        }
    }

    /** A compressed single file ({@code notes.txt.gz}): one member, named without the compression suffix. */
    private static void readSingle(InputStream in, String fileName, Members members)
            throws IOException, DocumentRejectedException {
        try (in) {
            String last = fileName.substring(fileName.lastIndexOf('/') + 1);
            int dot = last.lastIndexOf('.');
            members.add(dot > 0 ? last.substring(0, dot) : last, in);
        }
    }

    private static Optional<Kind> kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return Optional.of(Kind.TAR_GZ);
        }
        if (name.endsWith(".tar.bz2") || name.endsWith(".tbz2") || name.endsWith(".tbz")) {
            return Optional.of(Kind.TAR_BZ2);
        }
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) {
            return Optional.of(Kind.TAR_XZ);
        }
        if (name.endsWith(".zip")) {
            return Optional.of(Kind.ZIP);
        }
        if (name.endsWith(".tar")) {
            return Optional.of(Kind.TAR);
        }
        if (name.endsWith(".gz")) {
            return Optional.of(Kind.GZ);
        }
        if (name.endsWith(".bz2")) {
            return Optional.of(Kind.BZ2);
        }
        if (name.endsWith(".xz")) {
            return Optional.of(Kind.XZ);
        }
        if (name.endsWith(".7z")) {
            return Optional.of(Kind.SEVEN_Z);
        }
        return Optional.empty();
    }

    /** The members extracted so far, written under generated names and charged to the budget. */
    static final class Members {
        private final Path into;
        private final ExpansionBudget budget;
        private final Map<String, EmbeddedFile> byPath = new LinkedHashMap<>();
        private int written;

        Members(Path into, ExpansionBudget budget) {
            this.into = into;
            this.budget = budget;
        }

        boolean skipped(String name) {
            String path = normalize(name);
            String last = path.substring(path.lastIndexOf('/') + 1);
            return path.isEmpty() || path.startsWith("__MACOSX/") || last.equals(".DS_Store");
        }

        void add(String name, InputStream in) throws IOException, DocumentRejectedException {
            String path = normalize(name);
            budget.member(path);
            Path target = into.resolve(written++ + "-" + safe(path.substring(path.lastIndexOf('/') + 1)));
            long size = 0;
            byte[] buffer = new byte[COPY_BUFFER];
            try (OutputStream out = Files.newOutputStream(target)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    budget.bytes(n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            EmbeddedFile replaced = byPath.remove(path); // re-inserted last: the order is the archive's
            if (replaced != null) {
                Files.deleteIfExists(replaced.file());
            }
            byPath.put(path, new EmbeddedFile(path, target, size));
        }

        List<EmbeddedFile> list() {
            return new ArrayList<>(byPath.values());
        }

        /** Forward slashes, no leading slash or {@code ./}, no {@code ..} steps: a label, never a file-system path. */
        private static String normalize(String name) {
            List<String> parts = new ArrayList<>();
            for (String part : name.replace('\\', '/').split("/")) {
                if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                    parts.add(part);
                }
            }
            return String.join("/", parts);
        }

        /** A file name that is safe on every file system, keeping the extension that tells the format. */
        private static String safe(String name) {
            String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
            return cleaned.length() <= 100 ? cleaned : cleaned.substring(cleaned.length() - 100);
        }
    }
}
