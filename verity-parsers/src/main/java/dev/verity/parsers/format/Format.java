package dev.verity.parsers.format;

import dev.verity.document.DocumentKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * The formats Verity indexes: which detected media types belong to each, how it is read and what shape of document
 * it gives. Every other detected type is rejected as unsupported.
 */
public enum Format {
    PDF("PDF", DocumentKind.PROSE, Reader.PDF, "application/pdf"),
    DOCX(
            "DOCX file",
            DocumentKind.PROSE,
            Reader.TIKA,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-word.document.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
            "application/vnd.ms-word.template.macroenabled.12"),
    /** Word 97-2003 documents and templates ({@code .doc}, {@code .dot}). */
    DOC("Word document", DocumentKind.PROSE, Reader.TIKA, "application/msword"),
    ODT("ODT file", DocumentKind.PROSE, Reader.TIKA, "application/vnd.oasis.opendocument.text"),
    RTF("RTF file", DocumentKind.PROSE, Reader.TIKA, "application/rtf"),
    EPUB("EPUB book", DocumentKind.PROSE, Reader.TIKA, "application/epub+zip"),
    PPTX(
            "PPTX presentation",
            DocumentKind.SLIDES,
            Reader.PRESENTATION,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
            "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.presentationml.template",
            "application/vnd.ms-powerpoint.template.macroenabled.12"),
    /** PowerPoint 97-2003 presentations and shows ({@code .ppt}, {@code .pps}): Tika gives the text per slide. */
    PPT("PowerPoint presentation", DocumentKind.SLIDES, Reader.TIKA, "application/vnd.ms-powerpoint"),
    ODP(
            "ODP presentation",
            DocumentKind.SLIDES,
            Reader.ODF_PRESENTATION,
            "application/vnd.oasis.opendocument.presentation"),
    XLSX(
            "XLSX workbook",
            DocumentKind.TABLES,
            Reader.TIKA,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
            "application/vnd.ms-excel.template.macroenabled.12",
            "application/vnd.ms-excel.sheet.binary.macroenabled.12"),
    XLS("XLS workbook", DocumentKind.TABLES, Reader.TIKA, "application/vnd.ms-excel"),
    ODS("ODS spreadsheet", DocumentKind.TABLES, Reader.TIKA, "application/vnd.oasis.opendocument.spreadsheet"),
    CSV("CSV file", DocumentKind.TABLES, Reader.DELIMITED, "text/csv"),
    TSV("TSV file", DocumentKind.TABLES, Reader.DELIMITED, "text/tab-separated-values"),
    HTML("HTML page", DocumentKind.PROSE, Reader.HTML, "text/html", "application/xhtml+xml"),
    MARKDOWN(
            "Markdown file",
            DocumentKind.PROSE,
            Reader.MARKDOWN,
            "text/markdown",
            "text/x-web-markdown",
            "text/x-markdown"),
    /**
     * Plain text, and the ISA-Tab files (tab-separated study descriptions, {@code s_*.txt} and friends) that Tika names
     * by their content without declaring them text.
     */
    TEXT(
            "text file",
            DocumentKind.PROSE,
            Reader.TEXT,
            "text/plain",
            "application/x-isatab",
            "application/x-isatab-investigation",
            "application/x-isatab-assay"),
    EMAIL("e-mail", DocumentKind.EMAIL, Reader.EMAIL, "message/rfc822"),
    /** An Outlook message ({@code .msg}): Tika's OutlookExtractor gives its headers and body. */
    MSG("Outlook message", DocumentKind.EMAIL, Reader.TIKA, "application/vnd.ms-outlook"),
    MBOX("mailbox", DocumentKind.EMAIL, Reader.MBOX, "application/mbox"),
    /** Any audio or video type (see {@link #of}); these are the common ones. */
    MEDIA(
            "audio or video file",
            DocumentKind.PROSE,
            Reader.MEDIA,
            "video/mp4",
            "video/x-matroska",
            "video/webm",
            "video/quicktime",
            "audio/mpeg",
            "audio/vnd.wave",
            "audio/x-wav",
            "audio/ogg",
            "audio/x-flac",
            "audio/mp4"),
    PNG("PNG image", DocumentKind.PROSE, Reader.IMAGE, "image/png"),
    JPEG("JPEG image", DocumentKind.PROSE, Reader.IMAGE, "image/jpeg"),
    TIFF("TIFF image", DocumentKind.PROSE, Reader.IMAGE, "image/tiff"),
    BMP("BMP image", DocumentKind.PROSE, Reader.IMAGE, "image/bmp"),
    /** One page per frame of an animated GIF. */
    GIF("GIF image", DocumentKind.PROSE, Reader.IMAGE, "image/gif"),
    /** Decoded by Tesseract's own image library (leptonica): the JDK has no WebP decoder. */
    WEBP("WebP image", DocumentKind.PROSE, Reader.IMAGE, "image/webp");

    /** How a format is turned into blocks. */
    public enum Reader {
        /** Tika's XHTML events mapped by {@link StructureHandler}. */
        TIKA,
        /** PDFBox's lines with their fonts and positions, rebuilt by {@code PdfLayout}; Tika for what it can't read. */
        PDF,
        /** POI's slide model, which knows titles and bullets that Tika's output flattens. */
        PRESENTATION,
        /** The slides of an ODP file from its content.xml; Tika's output has no slide boundaries. */
        ODF_PRESENTATION,
        DELIMITED,
        HTML,
        MARKDOWN,
        TEXT,
        EMAIL,
        /** One section per message, each read as an e-mail. */
        MBOX,
        /** Subtitles, or speech transcribed, with ffmpeg ({@code MediaReader}). */
        MEDIA,
        /** OCR, one page per image or TIFF or GIF frame ({@code ImageFileReader}). */
        IMAGE
    }

    private final String label;
    private final DocumentKind kind;
    private final Reader reader;
    private final List<MediaType> mediaTypes;

    Format(String label, DocumentKind kind, Reader reader, String... mediaTypes) {
        this.label = label;
        this.kind = kind;
        this.reader = reader;
        this.mediaTypes = Arrays.stream(mediaTypes).map(MediaType::parse).toList();
    }

    /**
     * The format of a detected type: an exact match first, then the format of its nearest supertype in Tika's registry
     * — a specialization of a supported type is read as its parent, so the many {@code text/plain} specializations
     * (logs, source code, configuration files, XML) read as text — then any audio or video type.
     */
    public static Optional<Format> of(MediaType detected, MediaTypeRegistry registry) {
        MediaType base = detected.getBaseType();
        Optional<Format> exact = exactly(base);
        if (exact.isPresent()) {
            return exact;
        }
        for (MediaType type = registry.normalize(base); type != null; type = registry.getSupertype(type)) {
            Optional<Format> format = exactly(type).filter(Format::inheritable);
            if (format.isPresent()) {
                return format;
            }
        }
        if (base.getType().equals("audio") || base.getType().equals("video")) {
            return Optional.of(MEDIA);
        }
        return Optional.empty();
    }

    /**
     * For a type {@link #of} does not read: the nearest supported relative in Tika's registry, named for a rejection
     * message, e.g. "a kind of application/x-tika-ooxml, like the supported XLSX workbook
     * (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)". Empty when the type shares no ancestor
     * with a supported format but {@code application/octet-stream}, which every binary type has.
     */
    public static Optional<String> nearestRelative(MediaType detected, MediaTypeRegistry registry) {
        MediaType type = registry.normalize(detected.getBaseType());
        for (MediaType ancestor = registry.getSupertype(type);
                ancestor != null && !ancestor.equals(MediaType.OCTET_STREAM);
                ancestor = registry.getSupertype(ancestor)) {
            for (Format format : values()) {
                if (!format.inheritable()) {
                    continue;
                }
                for (MediaType supported : format.mediaTypes) {
                    if (registry.isSpecializationOf(supported, ancestor)) {
                        return Optional.of("a kind of " + ancestor + ", like the supported " + format.label + " ("
                                + supported + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a specialization of this format's types is read as it. Not audio and video: Tika declares HEIF still
     * images a kind of QuickTime video, and ffmpeg cannot read them.
     */
    private boolean inheritable() {
        return this != MEDIA;
    }

    private static Optional<Format> exactly(MediaType type) {
        for (Format format : values()) {
            if (format.mediaTypes.contains(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** How the format is named in messages, e.g. "PDF" in "the PDF is damaged". */
    public String label() {
        return label;
    }

    /** Read as characters (charset detected), not as a binary container. */
    public boolean isText() {
        return reader == Reader.DELIMITED
                || reader == Reader.HTML
                || reader == Reader.MARKDOWN
                || reader == Reader.TEXT;
    }

    public DocumentKind kind() {
        return kind;
    }

    public Reader reader() {
        return reader;
    }

    /** The canonical media type, recorded on the parsed document. */
    public String mediaType() {
        return mediaTypes.getFirst().toString();
    }
}
