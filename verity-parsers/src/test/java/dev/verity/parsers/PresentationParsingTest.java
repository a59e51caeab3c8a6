package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.NoteKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Slide;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PresentationParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final List<Slide> DECK = List.of(
            Slide.of("Quarterly review", "Revenue up 12 percent", "Churn down to 2 percent")
                    .withNotes("Thank the sales team."),
            Slide.of("Hiring plan", "Two engineers", "One designer"),
            Slide.of("Next steps", "Launch in May"));

    @TempDir
    Path dir;

    interface Writer extends BiFunction<Path, List<Slide>, Path> {}

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("review.pptx", (Writer) (file, slides) -> SampleFiles.pptx(file, "", slides)),
                Arguments.of("review.odp", (Writer) (file, slides) -> SampleFiles.odp(file, "", slides)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void makesEachSlideOnePageHeadedByItsTitle(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), DECK), name);

        assertThat(doc.kind()).isEqualTo(DocumentKind.SLIDES);
        assertThat(doc.pageCount()).isEqualTo(3);
        assertThat(Blocks.headings(doc)).containsExactly("1 Quarterly review", "1 Hiring plan", "1 Next steps");
        assertThat(doc.blocks())
                .filteredOn(Block.Heading.class::isInstance)
                .extracting(Block::page)
                .containsExactly(1, 2, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void keepsBulletsAsListItemsOnTheirSlide(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), DECK), name);

        assertThat(Blocks.listItems(doc))
                .containsExactly(
                        "Revenue up 12 percent",
                        "Churn down to 2 percent",
                        "Two engineers",
                        "One designer",
                        "Launch in May");
        assertThat(Blocks.containing(doc, "Two engineers").page()).isEqualTo(2);
        assertThat(Blocks.containing(doc, "Launch in May").page()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void readsSpeakerNotesAsANoteOnTheirSlideWithoutTheNotesPagePlaceholders(String name, Writer writer)
            throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), DECK), name);

        Block notes = Blocks.containing(doc, "Thank the sales team.");
        assertThat(notes.page()).isEqualTo(1);
        assertThat(notes).isInstanceOf(Block.Note.class);
        assertThat(((Block.Note) notes).kind()).isEqualTo(NoteKind.SPEAKER_NOTES);
        assertThat(Blocks.textOf(doc, notes)).isEqualTo("Thank the sales team.");
        assertThat(doc.text()).doesNotContain("‹#›");
    }

    @Test
    void readsTheCenteredTitleOfATitleSlideAsItsHeading() throws Exception {
        Path file = dir.resolve("title-slide.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlideMaster master = show.getSlideMasters().getFirst();
            XSLFSlide slide = show.createSlide(master.getLayout(SlideLayout.TITLE));
            slide.getPlaceholder(0).setText("Annual report 2024");
            slide.getPlaceholder(1).setText("Finance team");
            try (OutputStream out = Files.newOutputStream(file)) {
                show.write(out);
            }
        }

        ParsedDocument doc = PARSER.parse(file, "title-slide.pptx");

        assertThat(Blocks.headings(doc)).containsExactly("1 Annual report 2024");
        assertThat(Blocks.paragraphs(doc)).containsExactly("Finance team");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void titlesTheDeckByItsFirstSlideWhenThePropertiesHaveNoTitle(String name, Writer writer) throws Exception {
        assertThat(PARSER.parse(writer.apply(dir.resolve(name), DECK), name).title())
                .isEqualTo("Quarterly review");
    }
}
