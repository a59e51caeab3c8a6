package dev.verity.parsers.tika;

import dev.verity.parsers.format.StructureHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Reads the sheet names of an ODS file, in order, from {@code content.xml}. Tika writes each sheet as a bare
 * {@code <table>}; the names let {@link StructureHandler} head each table with its sheet, as for Excel files. The
 * XML is read with Tika's hardened SAX parser (no external entities, no DTD expansion), the zip through POI's
 * {@link ZipSecureFile}, which refuses entries that inflate suspiciously (zip bombs).
 */
final class OdsSheetNames {
    private static final String TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    private OdsSheetNames() {}

    static List<String> read(Path file) throws IOException, TikaException, SAXException {
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            ZipArchiveEntry content = zip.getEntry("content.xml");
            if (content == null) {
                throw new IOException("the package has no content.xml");
            }
            List<String> names = new ArrayList<>();
            try (InputStream in = zip.getInputStream(content)) {
                XMLReaderUtils.parseSAX(
                        in,
                        new DefaultHandler() {
                            private int depth;

                            @Override
                            public void startElement(String uri, String localName, String qName, Attributes atts) {
                                if (TABLE_NS.equals(uri) && "table".equals(localName) && depth++ == 0) {
                                    String name = atts.getValue(TABLE_NS, "name");
                                    names.add(name == null || name.isBlank() ? "Sheet " + (names.size() + 1) : name);
                                }
                            }

                            @Override
                            public void endElement(String uri, String localName, String qName) {
                                if (TABLE_NS.equals(uri) && "table".equals(localName)) {
                                    depth--;
                                }
                            }
                        },
                        new ParseContext());
            }
            return names;
        }
    }
}
