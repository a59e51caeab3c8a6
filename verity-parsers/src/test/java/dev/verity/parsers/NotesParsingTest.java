package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.verity.document.Block;
import dev.verity.document.NoteKind;
import dev.verity.document.ParsedDocument;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader sees beside the running text (comments, speaker notes, headers and footers, charts, SmartArt, PDF
 * annotations and form fields) comes out as notes marked with their kind and author, and the body is left as it was.
 * Every fixture is generated here with POI and PDFBox.
 */
class NotesParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void readsAWordCommentAsANoteByItsAuthorAndCutsItOffTheParagraph() throws Exception {
        ParsedDocument doc = PARSER.parse(docx(true), "review.docx");

        assertThat(Blocks.paragraphs(doc)).containsExactly("Staff get 25 days of paid leave.", "Leave carries over.");
        assertThat(notes(doc))
                .contains(tuple(NoteKind.COMMENT, "Ana Berg", "Check the leave figure with HR. It changed in May."));
        Block comment = Blocks.containing(doc, "Check the leave figure");
        assertThat(((Block.Note) comment).label()).isEqualTo("comment by Ana Berg");
        assertThat(Blocks.indexOfText(doc, "Check the leave figure"))
                .isBetween(Blocks.indexOfText(doc, "Staff get"), Blocks.indexOfText(doc, "Leave carries over."));
    }

    @Test
    void readsAnOpenDocumentCommentAsANoteAndCutsItOffTheParagraph() throws Exception {
        Path file = dir.resolve("review.odt");
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\">"
                + "<office:body><office:text><text:p>Staff get 25 days of paid leave.<office:annotation>"
                + "<dc:creator>Ana Berg</dc:creator><text:p>Check the figure with HR.</text:p></office:annotation>"
                + "</text:p><text:p>Leave carries over.</text:p></office:text></office:body></office:document-content>";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            byte[] mediaType = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry mimetype = new ZipEntry("mimetype");
            mimetype.setMethod(ZipEntry.STORED);
            mimetype.setSize(mediaType.length);
            CRC32 crc = new CRC32();
            crc.update(mediaType);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(mediaType);
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
                            + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                            + "<manifest:file-entry manifest:full-path=\"/\""
                            + " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                            + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                            + "</manifest:manifest>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }

        ParsedDocument doc = PARSER.parse(file, "review.odt");

        assertThat(Blocks.paragraphs(doc)).containsExactly("Staff get 25 days of paid leave.", "Leave carries over.");
        // Tika drops the ODF comment's author (dc:creator), so the note has none
        assertThat(notes(doc)).containsExactly(tuple(NoteKind.COMMENT, "", "Check the figure with HR."));
    }

    @Test
    void readsWordHeadersAndFootersAsNotesOnceEachAndLeavesTheBodyAsItWas() throws Exception {
        ParsedDocument with = PARSER.parse(docx(true), "review.docx");
        ParsedDocument without = PARSER.parse(docx(false), "plain.docx");

        assertThat(notes(with))
                .contains(
                        tuple(NoteKind.HEADER, "", "ACME confidential"),
                        tuple(NoteKind.FOOTER, "", "Printed copies are not controlled"));
        assertThat(notes(with))
                .filteredOn(n -> n.toList().contains(NoteKind.HEADER))
                .hasSize(1);
        assertThat(Blocks.paragraphs(with)).isEqualTo(Blocks.paragraphs(without));
        assertThat(notes(without)).isEmpty();
    }

    @Test
    void readsASpreadsheetCellCommentAsANoteByItsAuthorAndCutsItOffTheCell() throws Exception {
        Path file = dir.resolve("budget.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("Budget");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Item");
            header.createCell(1).setCellValue("Cost");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Laptops");
            row.createCell(1).setCellValue(1200);
            Comment comment = sheet.createDrawingPatriarch()
                    .createCellComment(workbook.getCreationHelper().createClientAnchor());
            comment.setString(new XSSFRichTextString("Price from the March quote"));
            comment.setAuthor("Ana Berg");
            row.getCell(1).setCellComment(comment);
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }

        ParsedDocument doc = PARSER.parse(file, "budget.xlsx");

        assertThat(Blocks.rowLines(Blocks.onlyTable(doc))).containsExactly("Laptops | 1200");
        assertThat(notes(doc)).containsExactly(tuple(NoteKind.COMMENT, "Ana Berg", "Price from the March quote"));
    }

    @Test
    void readsSpeakerNotesCommentsChartsSmartArtAndFootersOfASlideAsNotesOnThatSlide() throws Exception {
        ParsedDocument doc = PARSER.parse(pptx(), "deck.pptx");

        assertThat(Blocks.headings(doc)).containsExactly("1 Quarterly review", "1 Roadmap");
        assertThat(Blocks.listItems(doc)).containsExactly("Revenue up 12 percent");
        assertThat(doc.blocks())
                .filteredOn(Block.Note.class::isInstance)
                .extracting(
                        b -> ((Block.Note) b).kind(),
                        b -> ((Block.Note) b).author(),
                        b -> ((Block.Note) b).text(),
                        Block::page)
                .containsExactlyInAnyOrder(
                        tuple(NoteKind.CHART, "", "Revenue by region", 1),
                        tuple(NoteKind.COMMENT, "Ana Berg", "Numbers need a source.", 1),
                        tuple(NoteKind.SPEAKER_NOTES, "", "Thank the sales team.", 1),
                        tuple(NoteKind.FOOTER, "", "ACME Confidential", 1),
                        tuple(NoteKind.FOOTER, "", "Internal use only", 1),
                        tuple(NoteKind.SMARTART, "", "Plan Build Ship", 2));
        assertThat(doc.text()).doesNotContain("Click to edit");
    }

    @Test
    void aDeckWhoseOnlyTextIsInItsSpeakerNotesIsNotBlank() throws Exception {
        Path file = dir.resolve("pictures.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlide slide = show.createSlide();
            notes(show, slide, "The chart on this slide shows churn by month.");
            write(show, file);
        }

        ParsedDocument doc = PARSER.parse(file, "pictures.pptx");

        assertThat(doc.isBlank()).isFalse();
        assertThat(notes(doc))
                .containsExactly(tuple(NoteKind.SPEAKER_NOTES, "", "The chart on this slide shows churn by month."));
    }

    @Test
    void readsAPdfAnnotationAsANoteOnItsPageByItsAuthorAndLeavesThePageTextAsItWas() throws Exception {
        ParsedDocument with = PARSER.parse(pdf("annotated.pdf", true, false), "annotated.pdf");
        ParsedDocument without = PARSER.parse(pdf("plain.pdf", false, false), "plain.pdf");

        Block note = Blocks.containing(with, "Check this figure with finance.");
        assertThat(note).isInstanceOf(Block.Note.class);
        assertThat(((Block.Note) note).label()).isEqualTo("PDF annotation by Ana Berg");
        assertThat(note.page()).isEqualTo(2);
        assertThat(Blocks.paragraphs(with))
                .isEqualTo(Blocks.paragraphs(without))
                .contains("Travel is booked through the portal.");
    }

    @Test
    void readsTheFieldsOfAPdfFormAsNotesAndItsAnnotationsToo() throws Exception {
        ParsedDocument doc = PARSER.parse(pdf("form.pdf", true, true), "form.pdf");

        assertThat(notes(doc))
                .containsExactly(
                        tuple(NoteKind.ANNOTATION, "Ana Berg", "Check this figure with finance."),
                        tuple(NoteKind.FORM_FIELD, "", "applicant: Li Wei"));
        assertThat(doc.text()).contains("Leave is booked in the HR portal.");
    }

    @Test
    void aWebPageHasNoNotesItsNotesClassIsTextAndItsCommentsChrome() throws Exception {
        Path file = dir.resolve("page.html");
        Files.writeString(
                file,
                "<html><head><title>Hours</title></head><body><div class=\"notes\"><p>The office opens at nine.</p>"
                        + "</div><div class=\"comment-list\"><p>Great post!</p></div></body></html>");

        ParsedDocument doc = PARSER.parse(file, "page.html");

        assertThat(Blocks.paragraphs(doc)).containsExactly("The office opens at nine.");
        assertThat(notes(doc)).isEmpty();
    }

    private static List<org.assertj.core.groups.Tuple> notes(ParsedDocument doc) {
        return doc.blocks().stream()
                .filter(Block.Note.class::isInstance)
                .map(b -> (Block.Note) b)
                .map(n -> tuple(n.kind(), n.author(), n.text()))
                .toList();
    }

    private Path docx(boolean withNotes) throws IOException {
        Path file = dir.resolve(withNotes ? "review.docx" : "plain.docx");
        try (XWPFDocument doc = new XWPFDocument()) {
            if (withNotes) {
                for (HeaderFooterType type : List.of(HeaderFooterType.DEFAULT, HeaderFooterType.FIRST)) {
                    doc.createHeader(type).createParagraph().createRun().setText("ACME confidential");
                }
                doc.createFooter(HeaderFooterType.DEFAULT)
                        .createParagraph()
                        .createRun()
                        .setText("Printed copies are not controlled");
            }
            XWPFParagraph p = doc.createParagraph();
            BigInteger id = BigInteger.ONE;
            if (withNotes) {
                XWPFComment comment = doc.createComments().createComment(id);
                comment.setAuthor("Ana Berg");
                comment.createParagraph().createRun().setText("Check the leave figure with HR.");
                comment.createParagraph().createRun().setText("It changed in May.");
                p.getCTP().addNewCommentRangeStart().setId(id);
            }
            p.createRun().setText("Staff get 25 days of paid leave.");
            if (withNotes) {
                p.getCTP().addNewCommentRangeEnd().setId(id);
                p.createRun().getCTR().addNewCommentReference().setId(id);
            }
            doc.createParagraph().createRun().setText("Leave carries over.");
            try (OutputStream out = Files.newOutputStream(file)) {
                doc.write(out);
            }
        }
        return file;
    }

    private Path pptx() throws Exception {
        Path file = dir.resolve("deck.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlideMaster master = show.getSlideMasters().getFirst();
            XSLFTextBox stamp = master.createTextBox();
            stamp.setText("Internal use only");
            stamp.setAnchor(new Rectangle2D.Double(10, 500, 200, 20));
            XSLFSlide first = show.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
            first.getPlaceholder(0).setText("Quarterly review");
            XSLFTextShape body = first.getPlaceholder(1);
            body.clearText();
            body.addNewTextParagraph().addNewTextRun().setText("Revenue up 12 percent");
            XSLFChart chart = show.createChart(first);
            chart.setTitleText("Revenue by region");
            first.addChart(chart, new Rectangle2D.Double(100, 200, 300, 200));
            notes(show, first, "Thank the sales team.");
            XSLFSlide second = show.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
            second.getPlaceholder(0).setText("Roadmap");
            for (XSLFSlide slide : List.of(first, second)) {
                XSLFTextBox footer = slide.createTextBox();
                footer.setPlaceholder(Placeholder.FOOTER);
                footer.setText("ACME Confidential");
            }
            write(show, file);
        }
        try (OPCPackage pkg = OPCPackage.open(file.toFile())) {
            PackagePart presentation = pkg.getPartsByContentType(
                            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
                    .getFirst();
            PackagePart slide1 = pkg.getPart(name("/ppt/slides/slide1.xml"));
            PackagePart slide2 = pkg.getPart(name("/ppt/slides/slide2.xml"));
            addPart(
                    pkg,
                    presentation,
                    "/ppt/commentAuthors.xml",
                    "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml",
                    "commentAuthors",
                    "<p:cmAuthorLst xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\">"
                            + "<p:cmAuthor id=\"0\" name=\"Ana Berg\" initials=\"AB\" lastIdx=\"1\" clrIdx=\"0\"/>"
                            + "</p:cmAuthorLst>");
            addPart(
                    pkg,
                    slide1,
                    "/ppt/comments/comment1.xml",
                    "application/vnd.openxmlformats-officedocument.presentationml.comments+xml",
                    "comments",
                    "<p:cmLst xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\">"
                            + "<p:cm authorId=\"0\" dt=\"2024-05-02T10:00:00.000\" idx=\"1\"><p:pos x=\"10\" y=\"10\"/>"
                            + "<p:text>Numbers need a source.</p:text></p:cm></p:cmLst>");
            StringBuilder points = new StringBuilder();
            int id = 1;
            for (String step : List.of("Plan", "Build", "Ship")) {
                points.append("<dgm:pt modelId=\"")
                        .append(id++)
                        .append("\"><dgm:t><a:bodyPr/><a:p><a:r><a:t>")
                        .append(step)
                        .append("</a:t></a:r></a:p></dgm:t></dgm:pt>");
            }
            addPart(
                    pkg,
                    slide2,
                    "/ppt/diagrams/data1.xml",
                    "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
                    "diagramData",
                    "<dgm:dataModel xmlns:dgm=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\""
                            + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><dgm:ptLst>"
                            + points + "</dgm:ptLst></dgm:dataModel>");
        }
        return file;
    }

    private static PackagePartName name(String part) throws Exception {
        return PackagingURIHelper.createPartName(part);
    }

    private static void addPart(
            OPCPackage pkg, PackagePart from, String partName, String contentType, String relation, String xml)
            throws Exception {
        PackagePart part = pkg.createPart(name(partName), contentType);
        try (OutputStream out = part.getOutputStream()) {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml)
                    .getBytes(StandardCharsets.UTF_8));
        }
        from.addRelationship(
                name(partName),
                TargetMode.INTERNAL,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + relation);
    }

    private static void notes(XMLSlideShow show, XSLFSlide slide, String text) {
        for (XSLFTextShape shape : show.getNotesSlide(slide).getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                shape.setText(text);
            }
        }
    }

    private static void write(XMLSlideShow show, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            show.write(out);
        }
    }

    /** Two pages of different text (a line repeated on every page would be dropped as a running header). */
    private Path pdf(String name, boolean annotated, boolean form) throws IOException {
        Path file = dir.resolve(name);
        List<String> texts = List.of("Leave is booked in the HR portal.", "Travel is booked through the portal.");
        try (PDDocument doc = new PDDocument()) {
            for (String text : texts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            if (annotated) {
                PDAnnotationText note = new PDAnnotationText();
                note.setContents("Check this figure with finance.");
                note.setTitlePopup("Ana Berg");
                note.setRectangle(new PDRectangle(100, 600, 20, 20));
                doc.getPage(1).getAnnotations().add(note);
            }
            if (form) {
                PDAcroForm acroForm = new PDAcroForm(doc);
                doc.getDocumentCatalog().setAcroForm(acroForm);
                PDResources resources = new PDResources();
                resources.put(COSName.HELV, new PDType1Font(Standard14Fonts.FontName.HELVETICA));
                acroForm.setDefaultResources(resources);
                acroForm.setDefaultAppearance("/Helv 0 Tf 0 g");
                PDTextField field = new PDTextField(acroForm);
                field.setPartialName("applicant");
                PDAnnotationWidget widget = field.getWidgets().getFirst();
                widget.setRectangle(new PDRectangle(50, 500, 200, 20));
                widget.setPage(doc.getPage(0));
                doc.getPage(0).getAnnotations().add(widget);
                acroForm.getFields().add(field);
                field.setValue("Li Wei");
            }
            doc.save(file.toFile());
        }
        return file;
    }
}
