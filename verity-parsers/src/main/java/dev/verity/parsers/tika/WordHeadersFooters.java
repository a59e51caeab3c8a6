package dev.verity.parsers.tika;

import dev.verity.document.DocumentBuilder;
import dev.verity.document.NoteKind;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the page headers and footers of a DOCX file as notes, each distinct text once. Tika can include them, but
 * writes them as plain paragraphs before and after the body, where nothing tells them from the author's text; so Tika
 * leaves them out and they are read here from their own parts ({@code word/header1.xml}…), with Tika's hardened SAX
 * parser, from a package POI opens read-only through its bomb-proof zip reader.
 */
final class WordHeadersFooters {
    private static final String WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String HEADER_TYPE =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
    private static final String FOOTER_TYPE =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";

    private WordHeadersFooters() {}

    static void read(Path file, Sink sink) throws IOException, InvalidFormatException, TikaException, SAXException {
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            for (String text : texts(pkg, HEADER_TYPE)) {
                sink.note(NoteKind.HEADER, "", text);
            }
            for (String text : texts(pkg, FOOTER_TYPE)) {
                sink.note(NoteKind.FOOTER, "", text);
            }
        } finally {
            pkg.revert(); // read-only: discard, never save
        }
    }

    /** The distinct non-blank texts of the parts of one type (first page, even and odd headers often repeat). */
    private static Set<String> texts(OPCPackage pkg, String contentType)
            throws IOException, TikaException, SAXException {
        Set<String> texts = new LinkedHashSet<>();
        for (PackagePart part : pkg.getPartsByContentType(contentType)) {
            PartText handler = new PartText();
            try (InputStream in = part.getInputStream()) {
                XMLReaderUtils.parseSAX(in, handler, new ParseContext());
            }
            String text = DocumentBuilder.normalize(handler.text.toString());
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The text runs ({@code w:t}) of a header or footer part, a line per paragraph, a space per tab. */
    private static final class PartText extends DefaultHandler {
        private final StringBuilder text = new StringBuilder();
        private boolean inText;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            if (WORD_NS.equals(uri)) {
                switch (localName) {
                    case "t" -> inText = true;
                    case "tab", "br" -> text.append(' ');
                    default -> {}
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (WORD_NS.equals(uri)) {
                switch (localName) {
                    case "t" -> inText = false;
                    case "p" -> text.append('\n');
                    default -> {}
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                text.append(ch, start, length);
            }
        }
    }
}
