package dev.verity.testkit.files;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * Writes an {@link Email} as RFC 5322 / MIME text with CRLF line ends: a single text part when that is all there is,
 * otherwise {@code multipart/mixed} holding the body (a {@code multipart/alternative} when there is HTML too) and
 * base64 attachments. Bodies are quoted-printable UTF-8, non-ASCII subjects are RFC 2047 encoded words.
 */
final class MimeWriter {
    private static final String CRLF = "\r\n";

    private MimeWriter() {}

    static String message(Email email) {
        // boundaries unique per message, so that an attached message cannot end the parts of the one holding it
        String id = Integer.toHexString(Objects.hash(email.from(), email.subject(), email.date(), email.textBody()));
        String mixed = "=_verity_mixed_" + id;
        StringBuilder out = new StringBuilder();
        header(out, "From", email.from());
        header(out, "To", String.join(", ", email.to()));
        if (!email.cc().isEmpty()) {
            header(out, "Cc", String.join(", ", email.cc()));
        }
        header(out, "Subject", encodedWord(email.subject()));
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(email.date()));
        header(out, "Message-ID", "<" + id + "@verity.test>");
        header(out, "MIME-Version", "1.0");
        boolean alternative = !email.textBody().isEmpty() && !email.htmlBody().isEmpty();
        if (email.attachments().isEmpty() && !alternative) {
            appendBody(out, email, id);
            return out.toString();
        }
        header(out, "Content-Type", "multipart/mixed; boundary=\"" + mixed + "\"");
        out.append(CRLF).append("This is a multi-part message in MIME format.").append(CRLF);
        out.append("--").append(mixed).append(CRLF);
        appendBody(out, email, id);
        for (Email.Attachment attachment : email.attachments()) {
            out.append("--").append(mixed).append(CRLF);
            header(out, "Content-Type", attachment.mediaType() + "; name=\"" + attachment.fileName() + "\"");
            header(out, "Content-Disposition", "attachment; filename=\"" + attachment.fileName() + "\"");
            if (attachment.mediaType().startsWith("message/")) {
                // RFC 2046 forbids encoding an attached message; it is embedded as it is
                header(out, "Content-Transfer-Encoding", "8bit");
                out.append(CRLF)
                        .append(new String(attachment.content(), StandardCharsets.UTF_8))
                        .append(CRLF);
                continue;
            }
            header(out, "Content-Transfer-Encoding", "base64");
            out.append(CRLF);
            out.append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(attachment.content()))
                    .append(CRLF);
        }
        out.append("--").append(mixed).append("--").append(CRLF);
        return out.toString();
    }

    private static void appendBody(StringBuilder out, Email email, String id) {
        if (email.textBody().isEmpty() || email.htmlBody().isEmpty()) {
            boolean html = email.textBody().isEmpty();
            textPart(out, html ? "text/html" : "text/plain", html ? email.htmlBody() : email.textBody());
            return;
        }
        String alternative = "=_verity_alt_" + id;
        header(out, "Content-Type", "multipart/alternative; boundary=\"" + alternative + "\"");
        out.append(CRLF);
        out.append("--").append(alternative).append(CRLF);
        textPart(out, "text/plain", email.textBody());
        out.append("--").append(alternative).append(CRLF);
        textPart(out, "text/html", email.htmlBody());
        out.append("--").append(alternative).append("--").append(CRLF);
    }

    private static void textPart(StringBuilder out, String type, String text) {
        header(out, "Content-Type", type + "; charset=UTF-8");
        header(out, "Content-Transfer-Encoding", "quoted-printable");
        out.append(CRLF).append(quotedPrintable(text)).append(CRLF);
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append(CRLF);
    }

    private static String encodedWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** RFC 2045 quoted-printable: line breaks become CRLF, lines are soft-wrapped before 76 characters. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append(CRLF);
            }
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int lineLength = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean lastOfLine = i == bytes.length - 1;
                boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lastOfLine);
                String token = literal ? String.valueOf((char) b) : String.format("=%02X", b);
                if (lineLength + token.length() > 75) {
                    out.append('=').append(CRLF);
                    lineLength = 0;
                }
                out.append(token);
                lineLength += token.length();
            }
        }
        return out.toString();
    }
}
