package dev.verity.parsers.tika;

import dev.verity.parsers.format.StructureHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Reads the cell comments of an XLSX workbook (author and text) from its comments parts, so the
 * {@link StructureHandler} can cut them off the cells Tika appends them to ({@code "1200<br/>Ana Berg: Price from the
 * March quote"}) and index them as comment notes. Tika's hardened SAX parser, POI's bomb-proof zip reader, read-only.
 */
final class SpreadsheetComments {
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String COMMENTS_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";

    private SpreadsheetComments() {}

    static List<StructureHandler.CellComment> read(Path file)
            throws IOException, InvalidFormatException, TikaException, SAXException {
        List<StructureHandler.CellComment> comments = new ArrayList<>();
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            for (PackagePart part : pkg.getPartsByContentType(COMMENTS_TYPE)) {
                Part handler = new Part(comments);
                try (InputStream in = part.getInputStream()) {
                    XMLReaderUtils.parseSAX(in, handler, new ParseContext());
                }
            }
        } finally {
            pkg.revert(); // read-only: discard, never save
        }
        return comments;
    }

    /** Authors by index, then each comment's author id and the text of its runs. */
    private static final class Part extends DefaultHandler {
        private final List<StructureHandler.CellComment> out;
        private final List<String> authors = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean inAuthor;
        private boolean inText;
        private boolean inPhonetic;
        private int authorId = -1;

        Part(List<StructureHandler.CellComment> out) {
            this.out = out;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            if (!MAIN_NS.equals(uri)) {
                return;
            }
            switch (localName) {
                case "author" -> {
                    inAuthor = true;
                    text.setLength(0);
                }
                case "comment" -> {
                    text.setLength(0);
                    try {
                        authorId = Integer.parseInt(atts.getValue("authorId"));
                    } catch (NumberFormatException e) {
                        authorId = -1;
                    }
                }
                case "t" -> inText = !inPhonetic;
                case "rPh" -> inPhonetic = true;
                default -> {}
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (!MAIN_NS.equals(uri)) {
                return;
            }
            switch (localName) {
                case "author" -> {
                    inAuthor = false;
                    authors.add(text.toString());
                }
                case "comment" -> {
                    String author = authorId >= 0 && authorId < authors.size() ? authors.get(authorId) : "";
                    out.add(new StructureHandler.CellComment(author, text.toString()));
                }
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inAuthor || inText) {
                text.append(ch, start, length);
            }
        }
    }
}
