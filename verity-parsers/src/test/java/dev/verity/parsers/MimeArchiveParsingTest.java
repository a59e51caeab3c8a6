package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message that starts with {@code MIME-Version} and is {@code multipart/related} — how Gmail saves a message with
 * an inline image — is detected by Tika as MHTML ({@code multipart/related}, a kind of {@code message/rfc822}). It is
 * read as an e-mail. Until the supertype walk in {@code Format.of} it was read as plain text, because Tika also
 * declares {@code message/rfc822} a kind of {@code text/plain}: the raw MIME source, the base64 of the image included,
 * went into the index (docs-dev's {@code fake-email-image-embedded.eml}: 706 chunks, now 1).
 */
class MimeArchiveParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final Path DOCS_DEV = Path.of("../../shared/data/docs-dev/files");
    /** How every PNG file starts, in base64: the mark that the image's encoding went into the text. */
    private static final String PNG_IN_BASE64 = "iVBORw0KGgo";

    @TempDir
    Path dir;

    @Test
    void readsAMessageWithAnInlineImageAsAnEmailNotAsItsMimeSource() throws Exception {
        Path file = Files.writeString(dir.resolve("logo.eml"), message(png()), StandardCharsets.US_ASCII);

        assertThat(PARSER.detect(file, "logo.eml")).isEqualTo("multipart/related");
        ParsedDocument doc = PARSER.parse(file, "logo.eml");

        assertThat(doc.kind()).isEqualTo(DocumentKind.EMAIL);
        assertThat(doc.headers()).containsEntry("Subject", "Our new logo");
        assertThat(doc.text()).contains("Here is our new logo.");
        assertThat(doc.text()).doesNotContain(PNG_IN_BASE64, "Content-Transfer-Encoding", "boundary=");
    }

    @Test
    void readsTheGmailMessageOfTheDevelopmentCorpusWithoutTheBase64OfItsImage() throws Exception {
        Path file = DOCS_DEV.resolve("eml/fake-email-image-embedded.eml");
        Assumptions.assumeTrue(Files.exists(file), "docs-dev is not beside the repository");

        ParsedDocument doc = PARSER.parse(file, "fake-email-image-embedded.eml");

        assertThat(doc.kind()).isEqualTo(DocumentKind.EMAIL);
        assertThat(doc.text()).contains("This is a test email to use for unit tests.", "Roses are red");
        assertThat(doc.text()).doesNotContain(PNG_IN_BASE64);
        // the file is 297 KB, nearly all of it the base64 image; the message says two sentences and a list
        assertThat(doc.text().length()).isLessThan(1_000);
    }

    private static String message(String pngBase64) {
        return """
                MIME-Version: 1.0
                Date: Mon, 9 Jan 2023 15:00:43 -0600
                Subject: Our new logo
                From: Dana <dana@example.com>
                To: Sam <sam@example.com>
                Content-Type: multipart/related; boundary="outer"

                --outer
                Content-Type: text/plain; charset="UTF-8"

                Here is our new logo.

                --outer
                Content-Type: image/png; name="logo.png"
                Content-Disposition: inline; filename="logo.png"
                Content-Transfer-Encoding: base64
                Content-ID: <logo>

                """.replace("\n", "\r\n") + pngBase64 + "\r\n--outer--\r\n";
    }

    /** A blank 64×64 PNG, base64 in 76-character lines as MIME writes it. */
    private static String png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", out);
        return Base64.getMimeEncoder().encodeToString(out.toByteArray());
    }
}
