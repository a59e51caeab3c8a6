package dev.verity.parsers.archive;

import dev.verity.ingestion.containers.EmbeddedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.Ole10NativeException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Writes the files embedded in a PDF (attachments in the embedded-files name tree, file-attachment annotations), an
 * RTF file (embedded objects) or a legacy Office file (DOC, PPT, XLS: OLE objects, "Package" and OLE10Native files)
 * into a folder, one level deep: an embedded file is written as it is, never opened here.
 *
 * <p>Finding them takes a parse of untrusted bytes (PDFBox for a PDF, without extracting its text; Tika for RTF and
 * OLE2), so ingestion runs this class <b>in a parser process</b> ({@code IsolatedDocumentParser#extractEmbedded}),
 * never in the ingestion JVM; the tests, and ingestion with isolation off, run it in process. Pictures (inline images,
 * a DOC's drawings) are not members: they are part of the page. An OLE object is unwrapped to the file it holds; one
 * that holds none (an equation, a drawing) is written as it is, and its parse names it in the container's report.
 *
 * <p>Limits: extraction stops at the first member past {@code maxMembers} or byte past {@code maxBytes} and says which
 * ({@link Result#exceeded()}); the caller, which knows what those numbers stand for, rejects the file naming its limit.
 * A file that cannot be read is not rejected here (no members): its parse rejects it with the precise reason.
 */
public final class EmbeddedFilesExtractor {
    private static final int COPY_BUFFER = 64 * 1024;
    /** What Tika calls an OLE object it hands over without opening it. */
    private static final String OLE_OBJECT = "application/x-tika-msoffice-embedded";
    /** OLE objects are unwrapped in memory (POI needs them whole): bigger ones are skipped. */
    private static final int MAX_OLE_BYTES = 64 << 20;

    /** The formats read here, by {@link #format}. */
    enum Format {
        PDF,
        RTF,
        OLE2
    }

    private EmbeddedFilesExtractor() {}

    /** The format by the first bytes, whatever the name says, or null when the file is none of the three. */
    static Format format(byte[] head) {
        if (startsWith(head, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return Format.PDF;
        }
        if (startsWith(head, new byte[] {'{', '\\', 'r', 't', 'f'})) {
            return Format.RTF;
        }
        if (startsWith(
                head, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A})) {
            return Format.OLE2;
        }
        return null;
    }

    /** The first bytes of a file, enough for {@link #format}. */
    static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Which limit stopped an extraction. */
    public enum Limit {
        NONE,
        MEMBERS,
        BYTES
    }

    /**
     * What an extraction wrote.
     *
     * @param members each member named by its file name inside the document ({@code minutes.txt}), made unique, in the
     *     order the document holds them
     * @param exceeded the limit that stopped the extraction, {@link Limit#NONE} when it completed
     */
    public record Result(List<EmbeddedFile> members, Limit exceeded) {
        public Result {
            members = List.copyOf(members);
            java.util.Objects.requireNonNull(exceeded, "exceeded");
        }
    }

    /**
     * Writes the files embedded in {@code file} into {@code into}; stops at the first member past {@code maxMembers}
     * or byte past {@code maxBytes} and says which.
     */
    public static Result extract(Path file, Path into, int maxMembers, long maxBytes) {
        Format format = format(head(file));
        if (format == null) {
            return new Result(List.of(), Limit.NONE);
        }
        Writer writer = new Writer(into, maxMembers, maxBytes);
        if (format == Format.PDF) {
            try {
                PdfAttachments.write(file, writer);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // damaged or encrypted past the members found so far: the parse of the document says what is wrong
            }
            return new Result(writer.members, writer.exceeded);
        }
        Parser parser = format == Format.RTF ? new RTFParser() : new OfficeParser();
        ParseContext context = new ParseContext();
        OfficeParserConfig office = new OfficeParserConfig();
        office.setExtractMacros(false); // macros are code, never members
        context.set(OfficeParserConfig.class, office);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true); // pictures are not members, and Tika's own OCR stays off
        context.set(TesseractOCRConfig.class, ocr);
        context.set(EmbeddedDocumentExtractor.class, writer);
        try (TikaInputStream in = TikaInputStream.get(file)) {
            parser.parse(in, new DefaultHandler(), new Metadata(), context);
        } catch (Exception | StackOverflowError e) {
            // damaged or encrypted past the members found so far: the parse of the document says what is wrong
        }
        return new Result(writer.members, writer.exceeded);
    }

    /** Takes each embedded file Tika (or {@link PdfAttachments}) finds and writes it, without parsing it. */
    static final class Writer implements EmbeddedDocumentExtractor {
        private final Path into;
        private final int maxMembers;
        private final long maxBytes;
        private final List<EmbeddedFile> members = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private long bytes;
        private Limit exceeded = Limit.NONE;

        Writer(Path into, int maxMembers, long maxBytes) {
            this.into = into;
            this.maxMembers = maxMembers;
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return exceeded == Limit.NONE && !picture(metadata);
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws IOException {
            if (exceeded != Limit.NONE || picture(metadata)) {
                return;
            }
            String type = metadata.get(Metadata.CONTENT_TYPE);
            if (type != null && type.startsWith(OLE_OBJECT)) {
                writeUnwrapped(name(metadata), stream);
            } else {
                write(name(metadata), stream);
            }
        }

        /**
         * An OLE object handed over whole (PowerPoint's): the file it wraps ("Package" OLE10Native, an OOXML package,
         * a {@code CONTENTS} stream), else the object as it is. Read in memory, as POI needs; a bigger one is skipped.
         */
        private void writeUnwrapped(String name, InputStream stream) throws IOException {
            byte[] ole = stream.readNBytes(MAX_OLE_BYTES + 1);
            if (ole.length > MAX_OLE_BYTES) {
                return;
            }
            try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(ole))) {
                DirectoryNode root = fs.getRoot();
                if (root.hasEntry(Ole10Native.OLE10_NATIVE)) {
                    Ole10Native wrapped = Ole10Native.createFromEmbeddedOleObject(root);
                    String inner = wrapped.getFileName() == null
                                    || wrapped.getFileName().isBlank()
                            ? wrapped.getLabel()
                            : wrapped.getFileName();
                    write(
                            name(inner == null || inner.isBlank() ? name : inner),
                            new ByteArrayInputStream(wrapped.getDataBuffer()));
                    return;
                }
                for (String part : new String[] {"Package", "CONTENTS", "Contents"}) {
                    if (root.hasEntry(part) && root.getEntry(part) instanceof DocumentEntry entry) {
                        try (InputStream in = new DocumentInputStream(entry)) {
                            write(name, in);
                        }
                        return;
                    }
                }
            } catch (Ole10NativeException | IOException | RuntimeException notOle) {
                // not the OLE structure it claims: written as it came
            }
            write(name, new ByteArrayInputStream(ole));
        }

        /** Writes one member under a unique name; stops past a limit (throws, so the parse ends). */
        void write(String rawName, InputStream stream) throws IOException {
            if (exceeded != Limit.NONE) {
                throw new IOException("stopped at the " + exceeded + " limit");
            }
            if (members.size() >= maxMembers) {
                exceeded = Limit.MEMBERS;
                throw new IOException("more than " + maxMembers + " embedded files");
            }
            String name = unique(rawName);
            Path target = into.resolve(members.size() + "-" + safe(name));
            long size = 0;
            byte[] buffer = new byte[COPY_BUFFER];
            try (OutputStream out = Files.newOutputStream(target)) {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    size += n;
                    if (bytes + size > maxBytes) {
                        exceeded = Limit.BYTES;
                        throw new IOException("embedded files of more than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            bytes += size;
            members.add(new EmbeddedFile(name, target, size));
        }

        private String unique(String name) {
            String candidate = name;
            int dot = name.lastIndexOf('.');
            for (int i = 2; !names.add(candidate.toLowerCase(Locale.ROOT)); i++) {
                candidate =
                        dot > 0 ? name.substring(0, dot) + " (" + i + ")" + name.substring(dot) : name + " (" + i + ")";
            }
            return candidate;
        }

        private String name(Metadata metadata) {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            if (name == null || name.isBlank()) {
                name = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
            }
            return name(name);
        }

        /** The last step of a path, or "embedded N" for none. */
        String name(String name) {
            if (name == null || name.isBlank()) {
                return "embedded " + (members.size() + 1);
            }
            String last = name.strip()
                    .substring(
                            Math.max(name.strip().lastIndexOf('/'), name.strip().lastIndexOf('\\')) + 1);
            return last.isBlank() ? "embedded " + (members.size() + 1) : last;
        }

        private static boolean picture(Metadata metadata) {
            String type = metadata.get(Metadata.CONTENT_TYPE);
            String kind = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
            return (type != null && type.startsWith("image/"))
                    || TikaCoreProperties.EmbeddedResourceType.INLINE.name().equals(kind);
        }

        /** A file name that is safe on every file system, keeping the extension that tells the format. */
        private static String safe(String name) {
            String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
            return cleaned.length() <= 100 ? cleaned : cleaned.substring(cleaned.length() - 100);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
