package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.Email;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import dev.verity.testkit.files.Slide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link DocumentParser} must do: each supported kind of file, written by the testkit's real file
 * generators, comes back as a document holding its text, with a media type, blocks whose spans point at their text,
 * and the same document when parsed again; a bad file (empty, missing, truncated, password-protected, of an
 * unsupported type) ends in a {@link DocumentRejectedException} with a typed {@link Rejection} whose detail is one
 * line for people, never in another exception.
 *
 * <p>Subclass it once per implementation and supply {@link #parser()}; it may return one shared instance, since a pool
 * of parser processes is slow to start. Implementations: {@code RoutingDocumentParser} and {@code IsolatedDocumentParser}
 * (verity-parsers).
 */
public abstract class DocumentParserContract {
    /** A sentence every sample holds, to find in the parsed text. */
    protected static final String SENTENCE = "Staff get 25 days of paid leave.";

    private static final List<Element> ELEMENTS = List.of(
            new Element.Heading(1, "Leave policy"),
            new Element.Paragraph(SENTENCE),
            new Element.Bullet("Sick leave is unlimited."));

    @TempDir
    protected Path dir;

    /** The parser under test. */
    protected abstract DocumentParser parser();

    /** One sample per supported kind: its file name and how to write it. */
    static Stream<Arguments> samples() {
        ZonedDateTime date = ZonedDateTime.of(2026, 1, 15, 10, 0, 0, 0, ZoneOffset.UTC);
        return Stream.of(
                sample(
                        "policy.pdf",
                        (dir, name) -> SampleFiles.pdf(dir.resolve(name), "Leave policy", List.of(SENTENCE))),
                sample("policy.docx", (dir, name) -> SampleFiles.docx(dir.resolve(name), "Leave policy", ELEMENTS)),
                sample("policy.odt", (dir, name) -> SampleFiles.odt(dir.resolve(name), "Leave policy", ELEMENTS)),
                sample("policy.rtf", (dir, name) -> SampleFiles.rtf(dir.resolve(name), "Leave policy", ELEMENTS)),
                sample("policy.epub", (dir, name) -> SampleFiles.epub(dir.resolve(name), "Leave policy", ELEMENTS)),
                sample("policy.html", (dir, name) -> SampleFiles.html(dir.resolve(name), "Leave policy", ELEMENTS)),
                sample("policy.md", (dir, name) -> SampleFiles.markdown(dir.resolve(name), ELEMENTS)),
                sample(
                        "policy.txt",
                        (dir, name) -> SampleFiles.text(
                                dir.resolve(name), "Leave policy\n\n" + SENTENCE + "\n", StandardCharsets.UTF_8)),
                sample(
                        "policy.pptx",
                        (dir, name) -> SampleFiles.pptx(
                                dir.resolve(name), "Leave policy", List.of(Slide.of("Leave", SENTENCE)))),
                sample(
                        "policy.odp",
                        (dir, name) -> SampleFiles.odp(
                                dir.resolve(name), "Leave policy", List.of(Slide.of("Leave", SENTENCE)))),
                sample(
                        "policy.xlsx",
                        (dir, name) -> SampleFiles.xlsx(
                                dir.resolve(name), Sheet.of("Leave", List.of("Rule"), List.of(SENTENCE)))),
                sample(
                        "policy.ods",
                        (dir, name) -> SampleFiles.ods(
                                dir.resolve(name), Sheet.of("Leave", List.of("Rule"), List.of(SENTENCE)))),
                sample(
                        "policy.csv",
                        (dir, name) ->
                                SampleFiles.csv(dir.resolve(name), ',', List.of(List.of("Rule"), List.of(SENTENCE)))),
                sample(
                        "policy.eml",
                        (dir, name) -> SampleFiles.eml(
                                dir.resolve(name),
                                Email.plain("hr@example.com", "staff@example.com", "Leave policy", date, SENTENCE))));
    }

    private static Arguments sample(String name, BiFunction<Path, String, Path> writer) {
        return Arguments.of(name, writer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySupportedKindOfFileComesBackAsADocumentHoldingItsText(String name, BiFunction<Path, String, Path> writer)
            throws DocumentRejectedException {
        Path file = writer.apply(dir, name);

        ParsedDocument document = parser().parse(file, name);

        assertThat(document.text()).contains(SENTENCE);
        assertThat(document.mediaType()).isNotBlank();
        assertThat(document.isBlank()).isFalse();
        assertThat(document.blocks())
                .isNotEmpty()
                .allSatisfy(block -> assertThat(block.span().end())
                        .isLessThanOrEqualTo(document.text().length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theSameFileIsParsedToTheSameDocument(String name, BiFunction<Path, String, Path> writer)
            throws DocumentRejectedException {
        Path file = writer.apply(dir, name);

        assertThat(parser().parse(file, name)).isEqualTo(parser().parse(file, name));
    }

    @Test
    void anEmptyFileIsRejectedAsEmpty() {
        assertRejected(SampleFiles.empty(dir.resolve("report.pdf")), RejectionReason.EMPTY);
    }

    @Test
    void aMissingFileIsRejectedAsUnreadable() {
        assertRejected(dir.resolve("gone.pdf"), RejectionReason.UNREADABLE);
    }

    @Test
    void aTruncatedFileIsRejectedAsCorrupt() {
        Path pdf = SampleFiles.pdf(dir.resolve("full.pdf"), "Page one.", "Page two.", "Page three.");

        assertRejected(SampleFiles.truncated(pdf, dir.resolve("cut.pdf")), RejectionReason.CORRUPT);
    }

    @Test
    void aPasswordProtectedFileIsRejectedAsEncrypted() {
        assertRejected(
                SampleFiles.encryptedPdf(dir.resolve("locked.pdf"), "secret", SENTENCE), RejectionReason.ENCRYPTED);
    }

    @Test
    void randomBytesAreRejectedAsAnUnsupportedType() {
        assertRejected(SampleFiles.randomBytes(dir.resolve("blob.bin"), 4_096, 42), RejectionReason.UNSUPPORTED_TYPE);
    }

    /** The file is rejected for {@code reason}, with a one-line detail and nothing but a rejection thrown. */
    protected Rejection assertRejected(Path file, RejectionReason reason) {
        String name = file.getFileName().toString();
        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> parser().parse(file, name));

        assertThat(e).as("the rejection of %s", name).isNotNull();
        assertThat(e.rejection().reason())
                .as("the reason %s was rejected for", name)
                .isEqualTo(reason);
        assertThat(e.rejection().detail()).doesNotContain("\n", "\tat ");
        assertThat(e.getMessage())
                .isEqualTo(reason.code() + ": " + e.rejection().detail());
        return e.rejection();
    }
}
