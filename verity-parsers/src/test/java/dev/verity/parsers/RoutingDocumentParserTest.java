package dev.verity.parsers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media type: detected once, then passed along instead of detected again. */
class RoutingDocumentParserTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void detectsTheMediaTypeFromTheBytesAndTheName() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "Name,City\nAda,London\n", UTF_8);
        Path table = Files.writeString(dir.resolve("people.csv"), "Name,City\nAda,London\n", UTF_8);

        assertThat(PARSER.detect(notes, "notes.txt")).isEqualTo("text/plain");
        assertThat(PARSER.detect(table, "people.csv")).isEqualTo("text/csv");
        assertThat(PARSER.detect(table, "")).as("a blank name: the file's own").isEqualTo("text/csv");
    }

    @Test
    void readsAFileAsTheTypeItIsGivenWithoutDetectingItAgain() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "Name,City\nAda,London\n", UTF_8);

        ParsedDocument detected = PARSER.parse(notes, "notes.txt");
        ParsedDocument given = PARSER.parse(notes, "notes.txt", "text/csv");

        assertThat(detected.blocks()).noneMatch(Block.Table.class::isInstance);
        assertThat(given.mediaType()).isEqualTo("text/csv");
        assertThat(Blocks.onlyTable(given).header()).containsExactly("Name", "City");
        assertThat(PARSER.parse(notes, "notes.txt", PARSER.detect(notes, "notes.txt")))
                .isEqualTo(detected);
    }

    @Test
    void rejectsAnEmptyFileWhetherOrNotItsTypeIsGiven() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pdf"));

        assertThatThrownBy(() -> PARSER.detect(empty, "empty.pdf"))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.EMPTY));
        assertThatThrownBy(() -> PARSER.parse(empty, "empty.pdf", "application/pdf"))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.EMPTY));
    }

    @Test
    void refusesAMediaTypeThatIsNone() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "Hello.", UTF_8);

        assertThatThrownBy(() -> PARSER.parse(notes, "notes.txt", "plain text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mediaType must be a media type such as application/pdf, got \"plain text\"");
    }

    @Test
    void tellsAudioAndVideoFromDocuments() {
        assertThat(PARSER.isMedia("audio/mpeg")).isTrue();
        assertThat(PARSER.isMedia("video/x-msvideo")).as("any video type").isTrue();
        assertThat(PARSER.isMedia("application/pdf")).isFalse();
    }
}
