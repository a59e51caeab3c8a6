package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.testkit.files.Email;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files end in one typed rejection whose detail says what was wrong with this file. */
class RejectionTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    private static Rejection rejection(RoutingDocumentParser parser, Path file) {
        DocumentRejectedException e = catchThrowableOfType(
                DocumentRejectedException.class,
                () -> parser.parse(file, file.getFileName().toString()));
        assertThat(e).as("a rejection for " + file.getFileName()).isNotNull();
        return e.rejection();
    }

    private static Rejection rejection(Path file) {
        return rejection(PARSER, file);
    }

    @Test
    void rejectsAnEmptyFileAsEmpty() {
        Rejection rejection = rejection(SampleFiles.empty(dir.resolve("report.pdf")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(rejection.detail()).isEqualTo("the file is empty (0 bytes)");
    }

    @Test
    void rejectsAMissingFileAsUnreadable() {
        Rejection rejection = rejection(dir.resolve("gone.pdf"));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.UNREADABLE);
        assertThat(rejection.detail())
                .startsWith("cannot read the file: NoSuchFileException")
                .contains("gone.pdf");
    }

    @Test
    void rejectsAPdfCutInHalfAsCorrupt() {
        Path pdf = SampleFiles.pdf(dir.resolve("full.pdf"), "Page one.", "Page two.", "Page three.");

        Rejection rejection = rejection(SampleFiles.truncated(pdf, dir.resolve("cut.pdf")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail()).isEqualTo("the PDF is damaged or truncated: the end-of-file marker is missing");
    }

    @Test
    void rejectsAPdfWhoseBodyIsDamagedAsCorruptNamingTheCause() {
        Path pdf = SampleFiles.text(
                dir.resolve("fake.pdf"),
                "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nthis is not a PDF body\n%%EOF\n",
                StandardCharsets.US_ASCII);

        Rejection rejection = rejection(pdf);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail())
                .startsWith("the PDF is damaged or truncated: ")
                .doesNotContain("\n", "at org.");
    }

    @Test
    void rejectsADocxWhoseZipIsCutInHalfAsCorrupt() {
        Path docx = SampleFiles.docx(dir.resolve("full.docx"), "Guide", SampleFiles.PRICING_GUIDE);

        Rejection rejection = rejection(SampleFiles.truncated(docx, dir.resolve("cut.docx")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail())
                .isEqualTo(
                        "the DOCX file is damaged or truncated: the zip directory at the end of the file is missing");
    }

    @Test
    void rejectsAZipNamedDocxThatIsNoWordDocumentAsCorrupt() {
        Path fake = SampleFiles.zip(dir.resolve("fake.docx"), Map.of("readme.txt", "not a document"));

        Rejection rejection = rejection(fake);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail()).startsWith("the DOCX file is damaged or truncated: ");
    }

    @Test
    void rejectsATruncatedLegacyWorkbookAsCorrupt() {
        Path xls = SampleFiles.xls(dir.resolve("full.xls"), Sheet.of("S", List.of("a", "b"), List.of("1", "2")));

        Rejection rejection = rejection(SampleFiles.truncated(xls, dir.resolve("cut.xls")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail()).startsWith("the XLS workbook is damaged or truncated: ");
    }

    @Test
    void rejectsAPasswordProtectedPdfAsEncrypted() {
        Rejection rejection = rejection(SampleFiles.encryptedPdf(dir.resolve("secret.pdf"), "s3cret", "Salaries."));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.ENCRYPTED);
        assertThat(rejection.detail()).isEqualTo("the PDF is protected by a password");
        assertThat(rejection.message()).contains("Remove the password protection");
    }

    @Test
    void rejectsAPasswordProtectedWordDocumentAsEncrypted() {
        Rejection rejection =
                rejection(SampleFiles.encryptedDocx(dir.resolve("secret.docx"), "s3cret", SampleFiles.PRICING_GUIDE));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.ENCRYPTED);
        assertThat(rejection.detail()).isEqualTo("the Office document is protected by a password");
    }

    @Test
    void rejectsRandomBytesAsUnsupported() {
        Rejection rejection = rejection(SampleFiles.randomBytes(dir.resolve("blob.bin"), 4096, 42));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(rejection.detail()).isEqualTo("files of type application/octet-stream are not supported");
    }

    @Test
    void rejectsBinaryDataNamedLikeTextAsUnsupported() {
        for (String name : List.of("blob.txt", "blob.csv", "blob.md", "blob.html")) {
            Rejection rejection = rejection(SampleFiles.randomBytes(dir.resolve(name), 4096, 7));

            assertThat(rejection.reason()).as(name).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
            assertThat(rejection.detail())
                    .as(name)
                    .isEqualTo("the file holds binary data, not the text its name (" + name + ") suggests");
        }
    }

    @Test
    void rejectsImagesWithoutTextAsNoTextEvenWithAMisleadingName() {
        Path png = SampleFiles.png(dir.resolve("diagram.png"));
        Path renamed = SampleFiles.png(dir.resolve("diagram.txt"));

        assertThat(rejection(png).reason()).isEqualTo(RejectionReason.NO_TEXT);
        assertThat(rejection(png).detail()).isEqualTo("OCR found no text in the PNG image");
        assertThat(rejection(renamed).detail()).isEqualTo("OCR found no text in the PNG image");
    }

    @Test
    void rejectsArchivesAsUnsupportedWithoutOpeningThem() {
        Rejection rejection = rejection(SampleFiles.zip(dir.resolve("docs.zip"), Map.of("a.txt", "inside")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(rejection.detail()).isEqualTo("files of type application/zip are not supported");
    }

    @Test
    void rejectsTextBeyondTheCharacterLimitInsteadOfTruncatingIt() {
        RoutingDocumentParser small =
                new RoutingDocumentParser(ParserSettings.defaults().withMaxChars(1_000));
        String page = "Forty characters of text for the limit. ".repeat(10);
        Path txt = SampleFiles.text(dir.resolve("long.txt"), (page + "\n\n").repeat(3), StandardCharsets.UTF_8);
        Path pdf = SampleFiles.pdf(dir.resolve("long.pdf"), page, page, page);
        Path csv = SampleFiles.csv(
                dir.resolve("long.csv"), ',', Collections.nCopies(60, List.of("cell one", "cell two", "cell three")));

        for (Path file : List.of(txt, pdf, csv)) {
            Rejection rejection = rejection(small, file);
            assertThat(rejection.reason()).as(file.getFileName().toString()).isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(rejection.detail())
                    .isEqualTo("the file holds more than 1,000 characters of text, the limit per file");
        }
    }

    @Test
    void countsAttachmentsAgainstTheCharacterLimitOfTheirMessage() {
        RoutingDocumentParser small =
                new RoutingDocumentParser(ParserSettings.defaults().withMaxChars(1_000));
        Path pdf = SampleFiles.pdf(dir.resolve("big.pdf"), "Attachment text that is long enough. ".repeat(30));
        Path eml = SampleFiles.eml(
                dir.resolve("mail.eml"),
                Email.plain(
                                "a@example.com",
                                "b@example.com",
                                "Report",
                                ZonedDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC),
                                "See attachment.")
                        .withAttachment(Email.Attachment.of(pdf, "application/pdf")));

        Rejection rejection = rejection(small, eml);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(rejection.detail())
                .isEqualTo("the file holds more than 1,000 characters of text, the limit per file");
    }

    @Test
    void neverLetsAnotherExceptionEscapeForABadFile() {
        List<Path> bad = List.of(
                SampleFiles.randomBytes(dir.resolve("r.docx"), 3000, 1),
                SampleFiles.randomBytes(dir.resolve("r.xlsx"), 3000, 2),
                SampleFiles.randomBytes(dir.resolve("r.pptx"), 3000, 3),
                SampleFiles.randomBytes(dir.resolve("r.odt"), 3000, 4),
                SampleFiles.randomBytes(dir.resolve("r.odp"), 3000, 5),
                SampleFiles.randomBytes(dir.resolve("r.epub"), 3000, 6),
                SampleFiles.randomBytes(dir.resolve("r.xls"), 3000, 7),
                SampleFiles.randomBytes(dir.resolve("r.rtf"), 3000, 8),
                SampleFiles.randomBytes(dir.resolve("r.eml"), 3000, 9));

        for (Path file : bad) {
            Rejection rejection = rejection(file);
            assertThat(rejection.reason())
                    .as(file.getFileName().toString())
                    .isIn(RejectionReason.CORRUPT, RejectionReason.UNSUPPORTED_TYPE, RejectionReason.UNPARSEABLE);
            assertThat(rejection.detail()).as(file.getFileName().toString()).doesNotContain("\n");
        }
    }

    @Test
    void readsAnIsaTabFileAsTextInsteadOfRejectingIt() throws Exception {
        Path file = Files.writeString(
                dir.resolve("s_study.txt"),
                "\"Source Name\"\t\"Characteristics[organism]\"\n\"culture1\"\t\"Saccharomyces cerevisiae\"\n");

        assertThat(PARSER.detect(file, "s_study.txt")).isEqualTo("application/x-isatab");
        assertThat(PARSER.parse(file, "s_study.txt").text()).contains("Saccharomyces cerevisiae");
    }
}
