package dev.verity.testkit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An e-mail message to write as an RFC 822 ({@code .eml}) file.
 *
 * @param from the sender, e.g. {@code "Alice Example <alice@example.com>"}
 * @param to the recipients
 * @param cc the copy recipients, possibly empty
 * @param subject the subject line; non-ASCII subjects are written as encoded words
 * @param date the sending date
 * @param textBody the text/plain body, empty to send HTML only
 * @param htmlBody the text/html alternative, empty for none
 * @param attachments files attached after the body
 */
public record Email(
        String from,
        List<String> to,
        List<String> cc,
        String subject,
        ZonedDateTime date,
        String textBody,
        String htmlBody,
        List<Attachment> attachments) {

    public Email {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(htmlBody, "htmlBody");
        attachments = List.copyOf(attachments);
        if (textBody.isEmpty() && htmlBody.isEmpty()) {
            throw new IllegalArgumentException("an e-mail needs a textBody or an htmlBody, both are empty");
        }
    }

    /** A plain-text message without Cc, HTML or attachments. */
    public static Email plain(String from, String to, String subject, ZonedDateTime date, String textBody) {
        return new Email(from, List.of(to), List.of(), subject, date, textBody, "", List.of());
    }

    public Email withCc(String... addresses) {
        return new Email(from, to, List.of(addresses), subject, date, textBody, htmlBody, attachments);
    }

    public Email withHtmlBody(String html) {
        return new Email(from, to, cc, subject, date, textBody, html, attachments);
    }

    public Email withAttachment(Attachment attachment) {
        List<Attachment> all = new ArrayList<>(attachments);
        all.add(attachment);
        return new Email(from, to, cc, subject, date, textBody, htmlBody, all);
    }

    /**
     * A file attached to an {@link Email}.
     *
     * @param fileName the name the recipient sees
     * @param mediaType e.g. {@code application/pdf}
     * @param content the file's bytes
     */
    public record Attachment(String fileName, String mediaType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** Attaches a file from disk under its own name. */
        public static Attachment of(Path file, String mediaType) {
            try {
                return new Attachment(file.getFileName().toString(), mediaType, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the attachment " + file, e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Attachment a
                    && a.fileName.equals(fileName)
                    && a.mediaType.equals(mediaType)
                    && Arrays.equals(a.content, content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileName, mediaType, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Attachment[" + fileName + ", " + mediaType + ", " + content.length + " bytes]";
        }
    }
}
