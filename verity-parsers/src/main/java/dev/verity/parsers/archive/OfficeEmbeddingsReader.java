package dev.verity.parsers.archive;

import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.archive.ArchiveReader.Members;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The {@link ContainerReader} for files embedded in Office Open XML documents (a workbook in a deck, a PDF or a
 * document in a report): the parts under {@code word/embeddings/}, {@code ppt/embeddings/} and {@code xl/embeddings/}.
 * An embedded package ({@code Microsoft_Excel_Worksheet.xlsx}) is taken as it is; an OLE object ({@code oleObject1.bin})
 * that wraps a file (a PDF, a text file: OLE "Package") gives that file under its own name; other OLE objects
 * (equations, drawings) are skipped. The document keeps its own text ({@link Container#ownText()}): members are extra.
 *
 * <p>Trap: a file with an Office extension that is not a zip (an encrypted document is an OLE2 file) yields no
 * members, not a rejection: the parser reads it next and rejects it with the precise reason.
 */
public final class OfficeEmbeddingsReader implements ContainerReader {
    private static final Pattern EMBEDDED = Pattern.compile("(?:word|ppt|xl)/embeddings/[^/]+");
    /** Pictures Tesseract reads; vector formats (EMF, WMF, SVG) hold their text as text or not at all. */
    private static final Pattern PICTURE =
            Pattern.compile("(?:word|ppt|xl)/media/[^/]+\\.(?i:png|jpe?g|gif|bmp|tiff?|webp)");
    /** Pictures kept for a document without text: a deck of screenshots, not a photo album. */
    static final int MAX_PICTURES = 16;
    /** Smaller pictures are bullets, lines and icons, not text. */
    private static final long MIN_PICTURE_BYTES = 2048;

    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("docm", "application/vnd.ms-word.document.macroenabled.12"),
            Map.entry("dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template"),
            Map.entry("dotm", "application/vnd.ms-word.template.macroenabled.12"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("pptm", "application/vnd.ms-powerpoint.presentation.macroenabled.12"),
            Map.entry("ppsx", "application/vnd.openxmlformats-officedocument.presentationml.slideshow"),
            Map.entry("potx", "application/vnd.openxmlformats-officedocument.presentationml.template"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("xlsm", "application/vnd.ms-excel.sheet.macroenabled.12"),
            Map.entry("xltx", "application/vnd.openxmlformats-officedocument.spreadsheetml.template"));

    @Override
    public boolean isContainer(Path file, String fileName) {
        return MEDIA_TYPES.containsKey(extension(fileName));
    }

    @Override
    public Container read(Path file, String fileName, Path into, ExpansionBudget budget)
            throws DocumentRejectedException {
        String mediaType = MEDIA_TYPES.getOrDefault(extension(fileName), "application/octet-stream");
        Members members = new Members(into, budget);
        Members pictures;
        try {
            pictures = new Members(Files.createDirectories(into.resolve("pictures")), budget);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the pictures of " + fileName, e);
        }
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory() || !zip.canReadEntryData(entry)) {
                    continue;
                }
                if (PICTURE.matcher(entry.getName()).matches()
                        && entry.getSize() >= MIN_PICTURE_BYTES
                        && pictures.list().size() < MAX_PICTURES) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        pictures.add(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), in);
                    }
                    continue;
                }
                if (!EMBEDDED.matcher(entry.getName()).matches()) {
                    continue;
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                try (InputStream in = zip.getInputStream(entry)) {
                    if (name.toLowerCase(Locale.ROOT).endsWith(".bin")) {
                        addOlePackage(name, in, members);
                    } else {
                        members.add(name, in);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a readable zip: the parser rejects the document with the precise reason
            return new Container(mediaType, members.list(), true, pictures.list());
        }
        return new Container(mediaType, members.list(), true, pictures.list());
    }

    /** An OLE "Package" object wraps a file with its name; anything else in an OLE object is not a document. */
    private static void addOlePackage(String partName, InputStream in, Members members)
            throws IOException, DocumentRejectedException {
        byte[] ole = in.readNBytes(MAX_OLE_BYTES + 1);
        if (ole.length > MAX_OLE_BYTES) {
            return; // larger than any wrapped document we would read whole in memory
        }
        Ole10Native wrapped;
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(ole))) {
            wrapped = Ole10Native.createFromEmbeddedOleObject(fs);
        } catch (Exception e) {
            return; // an equation, a drawing, a linked object: no file inside
        }
        String name = firstNonBlank(wrapped.getFileName(), wrapped.getLabel(), partName);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        members.add(name, new ByteArrayInputStream(wrapped.getDataBuffer()));
    }

    /** OLE objects are read in memory (POI needs them whole): bigger ones are skipped. */
    private static final int MAX_OLE_BYTES = 64 << 20;

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "embedded";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
