package dev.verity.parsers.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.parsers.ParserSettings;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/** The resolution PDF pages are rendered at for OCR. */
class PdfRenderingTest {
    @Test
    void rendersAnA4PageAtTheConfiguredResolution() {
        assertThat(PdfReader.renderDpi(new PDPage(PDRectangle.A4), 300)).isEqualTo(300f);
    }

    @Test
    void lowersTheResolutionOfAPosterSizedPageToStayWithinTheImageLimit() {
        PDPage poster = new PDPage(new PDRectangle(60 * 72, 60 * 72)); // 60 × 60 inches: 18,000² pixels at 300 dpi

        float dpi = PdfReader.renderDpi(poster, 300);

        // 300 × √(100,000,000 / 324,000,000) = 166.67 dpi, i.e. 10,000 × 10,000 pixels
        assertThat(dpi).isCloseTo(166.67f, within(0.01f));
    }

    @Test
    void rendersPagesWithinTheDefaultImageLimit() {
        assertThat(PdfReader.MAX_RENDER_PIXELS).isEqualTo(ParserSettings.DEFAULT_MAX_IMAGE_PIXELS);
    }
}
