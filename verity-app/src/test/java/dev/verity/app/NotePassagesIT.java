package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Slide;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer's comment and a presenter's speaker notes are searchable, and an answer that rests on one says so:
 * {@code "passage": "comment by Ana Berg"} in the JSON, "comment by Ana Berg" in the sources line; body text is cited
 * without a passage label.
 */
class NotePassagesIT {
    @TempDir
    static Path root;

    static Path data;

    @BeforeAll
    static void ingest() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        data = root.resolve("data");
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFParagraph p = doc.createParagraph();
            BigInteger id = BigInteger.ONE;
            XWPFComment comment = doc.createComments().createComment(id);
            comment.setAuthor("Ana Berg");
            comment.createParagraph()
                    .createRun()
                    .setText("The Porto office moves to the Boavista building in October.");
            p.getCTP().addNewCommentRangeStart().setId(id);
            p.createRun().setText("The Porto office opens at eight in the morning on weekdays.");
            p.getCTP().addNewCommentRangeEnd().setId(id);
            p.createRun().getCTR().addNewCommentReference().setId(id);
            try (OutputStream out = Files.newOutputStream(docs.resolve("offices.docx"))) {
                doc.write(out);
            }
        }
        SampleFiles.pptx(
                docs.resolve("review.pptx"),
                "",
                List.of(Slide.of("Quarterly review", "Revenue up 12 percent")
                        .withNotes("Thank the Lisbon sales team for the record quarter.")));

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString());
        assertThat(ingest.exitCode()).as(ingest.err() + ingest.out()).isZero();
        assertThat(ingest.jsonLines())
                .allSatisfy(line -> assertThat(line.get("status").asString())
                        .as(line.toString())
                        .isEqualTo("indexed"));
    }

    @Test
    void citesACommentWithItsAuthor() {
        Cli.Result ask =
                Cli.run("ask", "--data", data.toString(), "--json", "Which building does the Porto office move to?");

        JsonNode citation = ask.json().get("citations").get(0);
        assertThat(citation.get("source").asString()).as(ask.out()).isEqualTo("offices.docx");
        assertThat(citation.get("quote").asString()).contains("Boavista");
        assertThat(citation.get("passage").asString()).isEqualTo("comment by Ana Berg");
    }

    @Test
    void citesBodyTextWithoutAPassageLabel() {
        Cli.Result ask =
                Cli.run("ask", "--data", data.toString(), "--json", "When does the Porto office open on weekdays?");

        JsonNode citation = ask.json().get("citations").get(0);
        assertThat(citation.get("quote").asString()).as(ask.out()).contains("eight in the morning");
        assertThat(citation.get("quote").asString()).doesNotContain("Boavista");
        assertThat(citation.get("passage").isNull()).isTrue();
    }

    @Test
    void showsSpeakerNotesAsSuchInTheSourcesLine() {
        Cli.Result ask = Cli.run("ask", "--data", data.toString(), "Who should be thanked for the record quarter?");

        assertThat(ask.out()).containsPattern("review\\.pptx, page 1, .*speaker notes \\(score");
        assertThat(ask.out()).contains("Lisbon sales team");
    }
}
