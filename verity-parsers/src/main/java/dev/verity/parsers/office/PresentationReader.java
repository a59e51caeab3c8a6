package dev.verity.parsers.office;

import dev.verity.document.DocumentBuilder;
import dev.verity.document.NoteKind;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLTypeLoader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFComment;
import org.apache.poi.xslf.usermodel.XSLFGraphicFrame;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.xmlbeans.XmlException;
import org.apache.xmlbeans.XmlObject;
import org.jspecify.annotations.Nullable;

/**
 * Reads PPTX files with POI's slide model rather than Tika's XHTML, which writes every text paragraph as a plain
 * {@code <p>} and so loses which one is the slide title and which are bullets. Each slide becomes one page: its title
 * a level-1 heading, bulleted paragraphs list items, other text paragraphs, tables tables. What a reader sees beside
 * the slide's own text becomes notes ({@link NoteKind}) on the slide's page: chart titles and series names, SmartArt
 * text, the slide's comments with their authors, its speaker notes, and its footer, indexed once per deck, as is
 * text the slide master draws on every slide. Date and slide-number placeholders are left out.
 *
 * <p>The package is opened read-only through POI's {@code ZipSecureFile}, which refuses zip bombs.
 */
public final class PresentationReader implements FormatReader {
    private static final Set<Placeholder> TITLES = Set.of(Placeholder.TITLE, Placeholder.CENTERED_TITLE);
    private static final Set<Placeholder> CHROME =
            Set.of(Placeholder.DATETIME, Placeholder.FOOTER, Placeholder.HEADER, Placeholder.SLIDE_NUMBER);
    private static final String DIAGRAM_DATA =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData";
    private static final String DRAWING_NS =
            "declare namespace a='http://schemas.openxmlformats.org/drawingml/2006/main';";
    private static final String CHART_NS =
            "declare namespace c='http://schemas.openxmlformats.org/drawingml/2006/chart';";

    /** @return the title from the document properties, empty when there is none */
    @Override
    public Result read(Source source, Sink sink) throws IOException, InvalidFormatException {
        OPCPackage pkg = OPCPackage.open(source.file().toFile(), PackageAccess.READ);
        try {
            XMLSlideShow show = new XMLSlideShow(pkg);
            Set<String> footers = new HashSet<>();
            int number = 0;
            for (XSLFSlide slide : show.getSlides()) {
                sink.page(++number);
                String title = title(slide);
                if (title != null) {
                    sink.heading(1, title);
                }
                shapes(slide.getShapes(), sink);
                smartArt(slide, sink);
                for (XSLFComment comment : slide.getComments()) {
                    sink.note(NoteKind.COMMENT, comment.getAuthor(), comment.getText());
                }
                notes(slide.getNotes(), sink);
                footers(slide, footers, sink);
                if (number == 1) {
                    for (XSLFSlideMaster master : show.getSlideMasters()) {
                        masterText(master.getShapes(), footers, sink);
                    }
                }
            }
            String title = show.getProperties().getCoreProperties().getTitle();
            return Result.titled(title == null ? "" : title.strip());
        } finally {
            pkg.revert(); // read-only: discard, never save
        }
    }

    /**
     * The text of the slide's title placeholder, centered (title slides) or not; POI's {@code getTitle()} knows only
     * the plain one, and the centered title's text would be lost, being left out of the body as a title.
     */
    private static @Nullable String title(XSLFSlide slide) {
        for (XSLFShape shape : slide.getShapes()) {
            // a placeholder of a type POI does not know has none (null), which the immutable set cannot be asked for
            if (shape instanceof XSLFTextShape text
                    && text.isPlaceholder()
                    && text.getPlaceholder() != null
                    && TITLES.contains(text.getPlaceholder())
                    && text.getText() != null
                    && !text.getText().isBlank()) {
                return text.getText();
            }
        }
        return slide.getTitle();
    }

    private static void shapes(List<XSLFShape> shapes, Sink sink) {
        for (XSLFShape shape : shapes) {
            switch (shape) {
                case XSLFGroupShape group -> shapes(group.getShapes(), sink);
                case XSLFTable table -> table(table, sink);
                case XSLFGraphicFrame frame when frame.hasChart() -> chart(frame.getChart(), sink);
                case XSLFTextShape text -> {
                    Placeholder placeholder = text.isPlaceholder() ? text.getPlaceholder() : null;
                    if (placeholder == null || (!TITLES.contains(placeholder) && !CHROME.contains(placeholder))) {
                        paragraphs(text, sink);
                    }
                }
                default -> {
                    // pictures, connectors: no text of their own; SmartArt is read from its data part
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

    /** The chart's title and axis titles, then its series names: what a reader sees of it besides the plot. */
    private static void chart(XSLFChart chart, Sink sink) {
        List<String> parts = new ArrayList<>();
        for (XmlObject t : chart.getCTChart().selectPath(DRAWING_NS + " .//a:t")) {
            parts.add(t.newCursor().getTextValue());
        }
        for (XmlObject v : chart.getCTChart().selectPath(CHART_NS + " .//c:ser/c:tx//c:v")) {
            parts.add(v.newCursor().getTextValue());
        }
        sink.note(NoteKind.CHART, "", String.join("\n", parts));
    }

    /** The text of each SmartArt diagram on the slide, read from its data part (the drawing part may be missing). */
    private static void smartArt(XSLFSlide slide, Sink sink) throws IOException, InvalidFormatException {
        PackagePart part = slide.getPackagePart();
        for (PackageRelationship rel : part.getRelationshipsByType(DIAGRAM_DATA)) {
            if (rel.getTargetMode() != TargetMode.INTERNAL) {
                continue;
            }
            PackagePart data = part.getRelatedPart(rel);
            List<String> lines = new ArrayList<>();
            try (InputStream in = data.getInputStream()) {
                XmlObject xml = XmlObject.Factory.parse(in, POIXMLTypeLoader.DEFAULT_XML_OPTIONS);
                for (XmlObject paragraph : xml.selectPath(DRAWING_NS + " .//a:p")) {
                    String line = paragraph.newCursor().getTextValue();
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            } catch (XmlException e) {
                sink.warning("slide " + slide.getSlideNumber() + ": unreadable SmartArt (" + e.getMessage() + ")");
                continue;
            }
            sink.note(NoteKind.SMARTART, "", String.join("\n", lines));
        }
    }

    /** The slide's footer placeholder, once per deck: most decks repeat the same footer on every slide. */
    private static void footers(XSLFSlide slide, Set<String> seen, Sink sink) {
        for (XSLFShape shape : slide.getShapes()) {
            if (shape instanceof XSLFTextShape text
                    && text.isPlaceholder()
                    && text.getPlaceholder() == Placeholder.FOOTER
                    && seen.add(DocumentBuilder.normalize(text.getText()))) {
                sink.note(NoteKind.FOOTER, "", text.getText());
            }
        }
    }

    /**
     * Text the slide master draws on every slide (a "Confidential" line, a company name), once per deck. Its
     * placeholders are left out: they hold prompts ("Click to edit Master title style"), and the slides' own
     * placeholders say what is shown.
     */
    private static void masterText(List<XSLFShape> shapes, Set<String> seen, Sink sink) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFGroupShape group) {
                masterText(group.getShapes(), seen, sink);
            } else if (shape instanceof XSLFTextShape text
                    && !text.isPlaceholder()
                    && seen.add(DocumentBuilder.normalize(text.getText()))) {
                sink.note(NoteKind.FOOTER, "", text.getText());
            }
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
        sink.note(NoteKind.SPEAKER_NOTES, "", String.join("\n", paragraphs));
    }
}
