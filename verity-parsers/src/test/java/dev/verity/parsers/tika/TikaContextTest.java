package dev.verity.parsers.tika;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.junit.jupiter.api.Test;

/** What every Tika parse is told not to do with untrusted files. */
class TikaContextTest {
    @Test
    void turnsOcrOffAndDeclinesEmbeddedDocumentsInEveryTikaParse() {
        ParseContext context = TikaReader.context();

        assertThat(context.get(TesseractOCRConfig.class).isSkipOcr()).isTrue();
        assertThat(context.get(PDFParserConfig.class).getOcrStrategy()).isEqualTo(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        assertThat(context.get(EmbeddedDocumentExtractor.class).shouldParseEmbedded(new Metadata()))
                .isFalse();
    }
}
