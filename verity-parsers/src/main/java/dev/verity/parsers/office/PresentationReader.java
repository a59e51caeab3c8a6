package dev.verity.parsers.office;

import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * Reads PPTX files with POI's slide model rather than Tika's XHTML, which writes every text paragraph as a plain
 * {@code <p>} and so loses which one is the slide title and which are bullets. Each slide becomes one page: its title
 * a level-1 heading, bulleted paragraphs list items, other text paragraphs, tables tables, and the speaker notes
 * paragraphs after a "Speaker notes:" marker. Date, footer and slide-number placeholders are left out.
 *
 * <p>The package is opened read-only through POI's {@code ZipSecureFile}, which refuses zip bombs.
 */
public final class PresentationReader implements FormatReader {
    private static final Set<Placeholder> TITLES = Set.of(Placeholder.TITLE, Placeholder.CENTERED_TITLE);
    private static final Set<Placeholder> CHROME =
            Set.of(Placeholder.DATETIME, Placeholder.FOOTER, Placeholder.HEADER, Placeholder.SLIDE_NUMBER);
    static final String NOTES_MARKER = "Speaker notes:";

    /** @return the title from the document properties, empty when there is none */
    @Override
    public Result read(Source source, Sink sink) throws IOException, InvalidFormatException {
        OPCPackage pkg = OPCPackage.open(source.file().toFile(), PackageAccess.READ);
        try {
            XMLSlideShow show = new XMLSlideShow(pkg);
            int number = 0;
            for (XSLFSlide slide : show.getSlides()) {
                sink.page(++number);
                String title = slide.getTitle();
                if (title != null) {
                    sink.heading(1, title);
                }
                shapes(slide.getShapes(), sink);
                notes(slide.getNotes(), sink);
            }
            String title = show.getProperties().getCoreProperties().getTitle();
            return Result.titled(title == null ? "" : title.strip());
        } finally {
            pkg.revert(); // read-only: discard, never save
        }
    }

    private static void shapes(List<XSLFShape> shapes, Sink sink) {
        for (XSLFShape shape : shapes) {
            switch (shape) {
                case XSLFGroupShape group -> shapes(group.getShapes(), sink);
                case XSLFTable table -> table(table, sink);
                case XSLFTextShape text -> {
                    Placeholder placeholder = text.isPlaceholder() ? text.getPlaceholder() : null;
                    if (placeholder == null || (!TITLES.contains(placeholder) && !CHROME.contains(placeholder))) {
                        paragraphs(text, sink);
                    }
                }
                default -> {
                    // pictures, connectors, charts: no text of their own
                }
            }
        }
    }

    private static void paragraphs(XSLFTextShape shape, Sink sink) {
        for (XSLFTextParagraph paragraph : shape.getTextParagraphs()) {
            String text = paragraph.getText();
            if (text == null || text.isBlank()) {
                continue;
            }
            if (paragraph.isBullet()) {
                sink.listItem(text);
            } else {
                sink.paragraph(text);
            }
        }
    }

    private static void table(XSLFTable table, Sink sink) {
        List<List<String>> rows = new ArrayList<>();
        for (XSLFTableRow row : table.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XSLFTableCell cell : row.getCells()) {
                cells.add(cell.getText() == null ? "" : cell.getText());
            }
            if (cells.stream().anyMatch(c -> !c.isBlank())) {
                rows.add(cells);
            }
        }
        if (!rows.isEmpty()) {
            sink.table("", rows.getFirst(), rows.subList(1, rows.size()));
        }
    }

    private static void notes(XSLFNotes notes, Sink sink) {
        if (notes == null) {
            return;
        }
        List<String> paragraphs = new ArrayList<>();
        for (XSLFShape shape : notes.getShapes()) {
            if (shape instanceof XSLFTextShape text
                    && text.isPlaceholder()
                    && text.getPlaceholder() == Placeholder.BODY) {
                for (XSLFTextParagraph paragraph : text.getTextParagraphs()) {
                    if (paragraph.getText() != null && !paragraph.getText().isBlank()) {
                        paragraphs.add(paragraph.getText());
                    }
                }
            }
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            sink.paragraph(i == 0 ? NOTES_MARKER + " " + paragraphs.get(i) : paragraphs.get(i));
        }
    }
}
