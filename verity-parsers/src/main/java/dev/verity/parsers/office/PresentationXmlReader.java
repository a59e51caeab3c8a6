package dev.verity.parsers.office;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.format.Failures;
import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.StructureHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads ODP presentations from their {@code content.xml}, because Tika's output for them has neither slide
 * boundaries nor titles. The OpenDocument elements are renamed to their XHTML equivalents and fed to a
 * {@link StructureHandler}: each {@code draw:page} is a page, the title frame a level-1 heading, list items and
 * paragraphs as they are, tables as tables, speaker notes as a {@code div class="notes"}, which the handler makes a
 * speaker-notes note. The XML is
 * read with Tika's hardened SAX parser and the zip with POI's bomb-proof {@link ZipSecureFile}.
 */
public final class PresentationXmlReader implements FormatReader {
    private static final String TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    private static final String TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String PRESENTATION_NS = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";

    @Override
    public Result read(Source source, Sink sink)
            throws IOException, TikaException, SAXException, DocumentRejectedException {
        try (ZipSecureFile zip = new ZipSecureFile(source.file().toFile())) {
            if (isEncrypted(zip)) {
                throw Failures.encrypted(Format.ODP.label(), null);
            }
            ZipArchiveEntry content = zip.getEntry("content.xml");
            if (content == null) {
                throw new IOException("the package has no content.xml");
            }
            StructureHandler handler = new StructureHandler(
                    sink, new StructureHandler.Options(true, false, false, List.of(), false, true));
            try (InputStream in = zip.getInputStream(content)) {
                XMLReaderUtils.parseSAX(in, new OdfToXhtml(handler), new ParseContext());
            }
            handler.finish();
        }
        return Result.NONE;
    }

    /** OpenDocument marks a password-protected part with {@code manifest:encryption-data} in the manifest. */
    private static boolean isEncrypted(ZipSecureFile zip) throws IOException {
        ZipArchiveEntry manifest = zip.getEntry("META-INF/manifest.xml");
        if (manifest == null) {
            return false;
        }
        try (InputStream in = zip.getInputStream(manifest)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("encryption-data");
        }
    }

    /** Renames ODF presentation elements to the XHTML that {@link StructureHandler} understands. */
    private static final class OdfToXhtml extends DefaultHandler {
        private final StructureHandler out;
        private final Deque<String> emitted = new ArrayDeque<>();
        private int titleDepth;
        private int notesDepth;

        OdfToXhtml(StructureHandler out) {
            this.out = out;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            String element = null;
            String cssClass = null;
            if (DRAW_NS.equals(uri) && "page".equals(localName)) {
                element = "div";
                cssClass = "page";
            } else if (DRAW_NS.equals(uri) && "frame".equals(localName)) {
                String kind = atts.getValue(PRESENTATION_NS, "class");
                boolean title = "title".equals(kind) && notesDepth == 0;
                if (title || titleDepth > 0) {
                    titleDepth++;
                }
                element = title ? "h1" : "div";
            } else if (PRESENTATION_NS.equals(uri) && "notes".equals(localName)) {
                notesDepth++;
                element = "div";
                cssClass = notesDepth == 1 ? "notes" : null;
            } else if (TEXT_NS.equals(uri)) {
                element = switch (localName) {
                    case "p", "h" -> titleDepth > 0 ? "span" : "p";
                    case "list" -> "ul";
                    case "list-item" -> "li";
                    case "line-break" -> "br";
                    default -> "span";
                };
            } else if (TABLE_NS.equals(uri)) {
                element = switch (localName) {
                    case "table" -> "table";
                    case "table-row" -> "tr";
                    case "table-cell", "covered-table-cell" -> "td";
                    default -> null;
                };
            }
            emitted.push(element == null ? "" : element);
            if (element != null) {
                out.open(element, cssClass);
            }
            if (TEXT_NS.equals(uri) && ("s".equals(localName) || "tab".equals(localName))) {
                out.text(" "); // <text:s/> and <text:tab/> stand for spaces
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String element = emitted.pop();
            if (!element.isEmpty()) {
                out.close(element);
            }
            if (DRAW_NS.equals(uri) && "frame".equals(localName) && titleDepth > 0) {
                titleDepth--;
            } else if (PRESENTATION_NS.equals(uri) && "notes".equals(localName)) {
                notesDepth--;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            out.text(new String(ch, start, length));
        }
    }
}
