package dev.verity.testkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/** Writes presentations with POI from its default template's "Title and Content" layout, as a user would. */
final class PptxWriter {
    private PptxWriter() {}

    static void write(Path file, String title, List<Slide> slides) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlideLayout layout = show.getSlideMasters().getFirst().getLayout(SlideLayout.TITLE_AND_CONTENT);
            for (Slide spec : slides) {
                XSLFSlide slide = show.createSlide(layout);
                slide.getPlaceholder(0).setText(spec.title());
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                for (String bullet : spec.bullets()) {
                    body.addNewTextParagraph().addNewTextRun().setText(bullet);
                }
                if (!spec.notes().isEmpty()) {
                    XSLFNotes notes = show.getNotesSlide(slide);
                    for (XSLFTextShape shape : notes.getPlaceholders()) {
                        if (shape.getTextType() == Placeholder.BODY) {
                            shape.setText(spec.notes());
                        }
                    }
                }
            }
            POIXMLProperties.CoreProperties core = show.getProperties().getCoreProperties();
            if (!title.isEmpty()) {
                core.setTitle(title);
            }
            core.setCreator("verity-testkit");
            core.setCreated(Optional.of(DocxWriter.FIXED_DATE));
            core.setModified(Optional.of(DocxWriter.FIXED_DATE));
            try (OutputStream out = Files.newOutputStream(file)) {
                show.write(out);
            }
        }
        ZipFiles.fixTimestamps(file);
    }
}
