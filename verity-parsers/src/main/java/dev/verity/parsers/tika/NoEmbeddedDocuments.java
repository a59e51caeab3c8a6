package dev.verity.parsers.tika;

import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.xml.sax.ContentHandler;

/**
 * Declines every embedded document (images in a PDF, OLE objects in a Word file, files attached to a PDF): their
 * text is not the document's text, and each one is another parser run over untrusted bytes. E-mail attachments are
 * read on purpose, by {@code EmailReader}.
 */
enum NoEmbeddedDocuments implements EmbeddedDocumentExtractor {
    INSTANCE;

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return false;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
        // never called: shouldParseEmbedded says no
    }
}
