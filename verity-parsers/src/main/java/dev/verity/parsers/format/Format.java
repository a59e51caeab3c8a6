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
    /** Excel 97-2003 workbooks, and Excel 5/95 ones (their {@code Book} stream is read by POI's old-Excel reader). */
    XLS("XLS workbook", DocumentKind.TABLES, Reader.TIKA, "application/vnd.ms-excel"),
    /**
     * Excel 2.x-4.0 worksheets (plain BIFF2-4 streams, no OLE2 container): Tika's {@code OldExcelParser} gives each
     * cell's text or number as a line, without the grid.
     */
    OLD_XLS(
            "Excel 4 worksheet",
            DocumentKind.TABLES,
            Reader.TIKA,
            "application/x-tika-old-excel",
            "application/vnd.ms-excel.sheet.4",
            "application/vnd.ms-excel.workspace.4",
            "application/vnd.ms-excel.sheet.3",
            "application/vnd.ms-excel.workspace.3",
            "application/vnd.ms-excel.sheet.2"),
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
    /** An Outlook data file ({@code .pst}, {@code .ost}): one section per message, like a mailbox. */
    PST("Outlook data file", DocumentKind.EMAIL, Reader.PST, "application/vnd.ms-outlook-pst"),
    /** Visio 2003-2010 drawings ({@code .vsd}): the text of the shapes, page by page, through POI's HDGF. */
    VSD("Visio drawing", DocumentKind.PROSE, Reader.TIKA, "application/vnd.visio"),
    /** Visio 2013+ drawings, templates and stencils ({@code .vsdx}, {@code .vstx}…): shape text through POI's XDGF. */
    VSDX(
            "Visio drawing",
            DocumentKind.PROSE,
            Reader.TIKA,
            "application/vnd.ms-visio.drawing",
            "application/x-tika-visio-ooxml",
            "application/vnd.ms-visio.drawing.macroenabled.12",
            "application/vnd.ms-visio.template",
            "application/vnd.ms-visio.template.macroenabled.12",
            "application/vnd.ms-visio.stencil",
            "application/vnd.ms-visio.stencil.macroenabled.12"),
    /** Publisher documents ({@code .pub}): the text of the text boxes, through POI's HPBF, without layout. */
    PUBLISHER("Publisher document", DocumentKind.PROSE, Reader.TIKA, "application/x-mspublisher"),
    /** WordPerfect 5.x and 6+ documents ({@code .wpd}): paragraphs of text, without styles or headings. */
    WORDPERFECT("WordPerfect document", DocumentKind.PROSE, Reader.TIKA, "application/vnd.wordperfect"),
    /**
     * Apple Pages documents saved in the iWork '09 XML format. Pages 2013 and later save a format no open-source
     * reader decodes ({@code application/vnd.apple.pages.13}): those are refused.
     */
    PAGES("Pages document", DocumentKind.PROSE, Reader.TIKA, "application/vnd.apple.pages"),
    /** Apple Keynote '09 presentations: slide titles as headings, then the body, notes and sticky notes. */
    KEYNOTE("Keynote presentation", DocumentKind.SLIDES, Reader.TIKA, "application/vnd.apple.keynote"),
    /** Apple Numbers '09 spreadsheets: one table per sheet. */
    NUMBERS("Numbers spreadsheet", DocumentKind.TABLES, Reader.TIKA, "application/vnd.apple.numbers"),
    /** OneNote 2010+ sections ({@code .one}): the text of the pages' outlines. */
    ONENOTE("OneNote section", DocumentKind.PROSE, Reader.TIKA, "application/onenote"),
    /** Compiled HTML Help ({@code .chm}): the text of every page of the help file, in the file's order. */
    CHM("compiled HTML help file", DocumentKind.PROSE, Reader.TIKA, "application/vnd.ms-htmlhelp"),
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
        /** One section per message of the Outlook data file, read with java-libpst ({@code PstReader}). */
        PST,
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
     * Why a type that users expect to be read is not, and what to do instead; empty for the types that have no such
     * explanation. Apple iWork 2013 and later stores its text in protobuf archives ({@code .iwa}) that no open-source
     * library decodes (Tika reads only their metadata); no Java or Tesseract reader decodes HEIC/HEIF images.
     */
    public static Optional<String> unreadableBecause(MediaType detected) {
        String type = detected.getBaseType().toString();
        if (type.startsWith("application/vnd.apple.") && (type.endsWith(".13") || type.endsWith(".18"))) {
            return Optional.of("Apple Pages, Keynote and Numbers files saved since 2013 keep their text in a format"
                    + " no open-source reader decodes: export the file as PDF, Word, PowerPoint or Excel and ingest"
                    + " that");
        }
        if (type.equals("image/heic")
                || type.equals("image/heif")
                || type.startsWith("image/heic-")
                || type.startsWith("image/heif-")) {
            return Optional.of("neither Java nor Tesseract decodes HEIC/HEIF images, so they cannot be OCR'd;"
                    + " convert the image to JPEG or PNG, e.g. with heif-convert from Debian's libheif-examples, and"
                    + " ingest that");
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
