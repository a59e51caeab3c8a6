package dev.verity.parsers.mail;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.AttachmentCount;
import dev.verity.parsers.format.Failures;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Unix mailbox ({@code .mbox}) as one document with one level-1 section per message, in mailbox order. Each
 * message is cut at its {@code From } separator line, un-quoted ({@code >From } back to {@code From }, the mboxrd
 * rule, which also reads mboxo files), and read like an {@code .eml} file: headers, body, attachments. The section is
 * headed by the subject, sender and date, so a citation names the message: "Q1 numbers (from Alice, 3 Mar 2026)".
 *
 * <p>Why one document and not one per message: everything that ingests files (the CLI, uploads, sync, the job queue)
 * maps one file to one document with one content hash; a mailbox as one document keeps that, so a mailbox is
 * ingested, synced, versioned and deleted like any file. Re-ingesting a mailbox that grew costs little: the
 * embedding cache is keyed by chunk text, so only the new messages' chunks are embedded.
 *
 * <p>A message that cannot be read as an e-mail is skipped; a mailbox larger than the character budget is rejected as a
 * whole, never indexed in part.
 */
public final class MboxReader implements FormatReader {
    private static final Logger LOG = LoggerFactory.getLogger(MboxReader.class);
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private final EmailReader.AttachmentParser messages;

    /** @param messages parses each message saved as an {@code .eml} file, as the router parses an attachment */
    public MboxReader(EmailReader.AttachmentParser messages) {
        this.messages = messages;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException, DocumentRejectedException {
        Path file = source.file();
        int depth = source.depth();
        int number = 0;
        int read = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream message = null;
            boolean previousBlank = true;
            for (byte[] line; (line = readLine(in)) != null; ) {
                if (previousBlank && startsWith(line, 0, FROM)) {
                    if (message != null && append(message, ++number, sink, depth)) {
                        read++;
                    }
                    message = new ByteArrayOutputStream();
                    previousBlank = false;
                    continue;
                }
                previousBlank = isBlank(line);
                if (message == null) {
                    throw new IOException("the file does not start with a \"From \" line, so it is no mailbox");
                }
                message.write(unquote(line));
                sink.budget().check(message.size() / 2);
            }
            if (message != null && append(message, ++number, sink, depth)) {
                read++;
            }
        }
        if (number == 0) {
            throw new DocumentRejectedException(RejectionReason.NO_TEXT, "the mailbox holds no messages");
        }
        if (read == 0) {
            throw new DocumentRejectedException(
                    RejectionReason.CORRUPT,
                    "none of the mailbox's " + number + " messages could be read as an e-mail");
        }
        LOG.debug("read {} of {} messages of {}", read, number, file);
        return Result.NONE;
    }

    /** @return whether the message was read */
    private boolean append(ByteArrayOutputStream bytes, int number, Sink sink, int depth)
            throws IOException, DocumentRejectedException {
        Path file = Files.createTempFile("verity-mbox-", ".eml");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes.writeTo(out);
            }
            ParsedDocument doc =
                    messages.parse(file, "message-" + number + ".eml", depth, sink.budget(), new AttachmentCount());
            EmailReader.append(heading(doc.headers(), number), doc, sink);
            return true;
        } catch (DocumentRejectedException e) {
            if (e.rejection().reason() == RejectionReason.TOO_LARGE) {
                throw Failures.tooLarge(sink.budget().max(), e);
            }
            LOG.debug("skipping message {}: {}", number, e.rejection().detail());
            return false;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** "Subject (from Sender, Date)", each part left out when the message lacks it. */
    static String heading(Map<String, String> headers, int number) {
        String subject = headers.getOrDefault("Subject", "");
        String from = headers.getOrDefault("From", "")
                .replaceAll("\\s*<[^>]*>", "")
                .replace("\"", "")
                .strip();
        if (from.isEmpty()) {
            from = headers.getOrDefault("From", "");
        }
        String date = headers.getOrDefault("Date", "");
        StringBuilder heading = new StringBuilder(subject.isBlank() ? "Message " + number : subject);
        if (!from.isBlank() || !date.isBlank()) {
            heading.append(" (");
            if (!from.isBlank()) {
                heading.append("from ").append(from);
            }
            if (!date.isBlank()) {
                heading.append(from.isBlank() ? "" : ", ").append(date);
            }
            heading.append(')');
        }
        return heading.toString();
    }

    /** One line with its terminator, or null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 && b == -1 ? null : line.toByteArray();
    }

    /** {@code >From } → {@code From }, {@code >>From } → {@code >From }: one level of quoting removed. */
    private static byte[] unquote(byte[] line) {
        int quotes = 0;
        while (quotes < line.length && line[quotes] == '>') {
            quotes++;
        }
        if (quotes > 0 && startsWith(line, quotes, FROM)) {
            byte[] unquoted = new byte[line.length - 1];
            System.arraycopy(line, 1, unquoted, 0, unquoted.length);
            return unquoted;
        }
        return line;
    }

    private static boolean startsWith(byte[] line, int offset, byte[] prefix) {
        if (line.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
