package dev.verity.parsers.mail;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.AttachmentCount;
import dev.verity.parsers.format.Failures;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextBudget;
import dev.verity.parsers.format.TextFiles;
import dev.verity.parsers.text.PlainTextReader;
import dev.verity.parsers.web.HtmlReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an RFC 822 message with mime4j (the MIME library inside Tika's mail parser):
 *
 * <ol>
 *   <li>the headers From, To, Cc, Date and Subject, decoded, become document headers;
 *   <li>the body is the text/plain part, or the text/html part cleaned like a web page when there is no plain text;
 *   <li>each attachment (a part with a file name or {@code Content-Disposition: attachment}, or an attached message)
 *       is parsed like a file of its own and appended under a level-1 heading "Attachment: name", its own headings
 *       one level down. Attachments that cannot be read (unsupported, encrypted, damaged) are skipped; the message
 *       is still indexed.
 * </ol>
 *
 * Attachments are bounded by {@link MailLimits} and share the message's character budget. The body is read by the
 * plain-text and HTML readers' rules ({@link PlainTextReader}, {@link HtmlReader}); each attachment by the router,
 * through the {@link AttachmentParser} it hands in.
 */
public final class EmailReader implements FormatReader {
    static final String ATTACHMENT_HEADING = "Attachment: ";
    private static final List<String> HEADERS = List.of("From", "To", "Cc", "Date", "Subject");
    /** Fields that every real message has at least one of; bytes without any are not a message. */
    private static final Set<String> MESSAGE_FIELDS = Set.of(
            "from",
            "to",
            "cc",
            "subject",
            "date",
            "message-id",
            "received",
            "mime-version",
            "content-type",
            "return-path",
            "sender",
            "reply-to",
            "delivered-to");

    private static final Logger LOG = LoggerFactory.getLogger(EmailReader.class);
    /** Generous for real mail, bounded for hostile input. */
    private static final MimeConfig MIME_CONFIG = new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(1024 * 1024)
            .setMaxHeaderCount(10_000)
            .setStrictParsing(false)
            .build();

    /** Parses an attachment saved to a file, one level deeper, within the remaining character budget. */
    @FunctionalInterface
    public interface AttachmentParser {
        ParsedDocument parse(Path file, String name, int depth, TextBudget budget, AttachmentCount count)
                throws DocumentRejectedException;
    }

    private final MailLimits limits;
    private final AttachmentParser attachments;

    public EmailReader(MailLimits limits, AttachmentParser attachments) {
        this.limits = limits;
        this.attachments = attachments;
    }

    /** @return the decoded subject, empty when there is none */
    @Override
    public Result read(Source source, Sink sink) throws IOException, DocumentRejectedException {
        return Result.titled(read(source.file(), sink, source.depth(), source.attachments()));
    }

    private String read(Path file, Sink sink, int depth, AttachmentCount count)
            throws IOException, DocumentRejectedException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MIME_CONFIG);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message message;
        // a message saved as UTF-16 (Windows tools do) is re-encoded: MIME headers are read as ASCII-compatible bytes
        Optional<InputStream> utf16 = TextFiles.utf16AsUtf8(file);
        try (InputStream in = utf16.isPresent() ? utf16.get() : Files.newInputStream(file)) {
            message = builder.parseMessage(in);
        }
        try {
            if (message.getHeader() == null
                    || message.getHeader().getFields().stream()
                            .noneMatch(f -> MESSAGE_FIELDS.contains(f.getNameLowerCase()))) {
                throw new IOException("no message header was found");
            }
            String type = message.getMimeType().toLowerCase(Locale.ROOT);
            if (type.equals("multipart/encrypted")
                    || (type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime"))
                            && !header(message, "Content-Type")
                                    .toLowerCase(Locale.ROOT)
                                    .contains("signed-data")) {
                throw new DocumentRejectedException(
                        RejectionReason.ENCRYPTED,
                        "the message's body is encrypted (" + (type.startsWith("multipart") ? "PGP/MIME" : "S/MIME")
                                + "): only its recipients' private keys read it");
            }
            for (String name : HEADERS) {
                sink.header(name, header(message, name));
            }
            Parts parts = new Parts();
            collect(message, parts, true);
            body(parts, sink);
            attachments(parts.attachments, sink, depth, count);
            return header(message, "Subject");
        } finally {
            message.dispose();
        }
    }

    private static String header(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
        if (field == null || field.getBody() == null) {
            return "";
        }
        return DecoderUtil.decodeEncodedWords(field.getBody(), DecodeMonitor.SILENT)
                .strip();
    }

    private static final class Parts {
        final List<Entity> plain = new ArrayList<>();
        final List<Entity> html = new ArrayList<>();
        final List<Entity> attachments = new ArrayList<>();
    }

    private static void collect(Entity entity, Parts parts, boolean root) {
        Body body = entity.getBody();
        if (!root && (body instanceof Message || isAttachment(entity))) {
            parts.attachments.add(entity);
        } else if (body instanceof Multipart multipart) {
            List<Entity> children = multipart.getBodyParts();
            if ("alternative".equalsIgnoreCase(multipart.getSubType())) {
                children = List.of(preferredAlternative(children));
            }
            for (Entity child : children) {
                collect(child, parts, false);
            }
        } else if (body instanceof TextBody) {
            String type = entity.getMimeType().toLowerCase(Locale.ROOT);
            if ("text/plain".equals(type)) {
                parts.plain.add(entity);
            } else if ("text/html".equals(type)) {
                parts.html.add(entity);
            }
        }
        // other unnamed inline parts (images of an HTML body, calendar data…) are not text of the message
    }

    /** Plain text when the message offers it (it is what the sender wrote), otherwise the richest alternative. */
    private static Entity preferredAlternative(List<Entity> alternatives) {
        for (Entity e : alternatives) {
            if ("text/plain".equalsIgnoreCase(e.getMimeType()) && !isAttachment(e)) {
                return e;
            }
        }
        return alternatives.getLast();
    }

    private static boolean isAttachment(Entity entity) {
        return "attachment".equalsIgnoreCase(entity.getDispositionType()) || filename(entity) != null;
    }

    private static String filename(Entity entity) {
        String name = entity.getFilename();
        if (name == null || name.isBlank()) {
            return null;
        }
        String decoded =
                DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT).strip();
        int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
        return decoded.substring(slash + 1);
    }

    private static void body(Parts parts, Sink sink) throws IOException {
        if (!parts.plain.isEmpty()) {
            for (Entity e : parts.plain) {
                try (Reader reader = ((TextBody) e.getBody()).getReader()) {
                    PlainTextReader.readText(new BufferedReader(reader), sink);
                }
            }
            return;
        }
        for (Entity e : parts.html) {
            StringBuilder html = new StringBuilder();
            try (Reader reader = ((TextBody) e.getBody()).getReader()) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    html.append(buffer, 0, n);
                    sink.budget().check(html.length() / 2);
                }
            }
            HtmlReader.appendBody(Jsoup.parse(html.toString()), sink);
        }
    }

    private void attachments(List<Entity> found, Sink sink, int depth, AttachmentCount count)
            throws IOException, DocumentRejectedException {
        if (found.isEmpty()) {
            return;
        }
        if (depth >= limits.maxAttachmentDepth()) {
            LOG.debug("skipping {} attachment(s) nested deeper than {}", found.size(), limits.maxAttachmentDepth());
            return;
        }
        for (Entity entity : found) {
            if (count.read() >= limits.maxAttachments()) {
                LOG.debug("skipping attachments beyond the limit of {}", limits.maxAttachments());
                return;
            }
            count.increment();
            String name = attachmentName(entity, count.read());
            ParsedDocument doc = parseAttachment(entity, name, depth, sink.budget(), count);
            if (doc != null && !doc.isBlank()) {
                append(ATTACHMENT_HEADING + name, doc, sink);
            }
        }
    }

    private ParsedDocument parseAttachment(
            Entity entity, String name, int depth, TextBudget budget, AttachmentCount count)
            throws IOException, DocumentRejectedException {
        Path file = Files.createTempFile("verity-attachment-", suffix(name));
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                switch (entity.getBody()) {
                    case Message attached -> new DefaultMessageWriter().writeMessage(attached, out);
                    case SingleBody single -> single.writeTo(out);
                    default -> {
                        return null; // a multipart marked as attachment: nothing to save as one file
                    }
                }
            }
            return attachments.parse(file, name, depth + 1, budget, count);
        } catch (DocumentRejectedException e) {
            if (e.rejection().reason() == RejectionReason.TOO_LARGE) {
                // the message with its attachments is too large: never index it in part; name the configured limit,
                // not what the attachment had left of it
                throw Failures.tooLarge(limits.maxChars(), e);
            }
            LOG.debug("skipping the attachment {}: {}", name, e.rejection().detail());
            return null;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String attachmentName(Entity entity, int number) {
        String name = filename(entity);
        if (name != null) {
            return name;
        }
        if (entity.getBody() instanceof Message attached) {
            String subject = header(attached, "Subject");
            return (subject.isEmpty() ? "message-" + number : subject) + ".eml";
        }
        return "attachment-" + number;
    }

    private static String suffix(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot >= 0 ? name.substring(dot) : "";
        return ext.matches("\\.[A-Za-z0-9]{1,8}") ? ext : ".bin";
    }

    /** Copies a part's headers and blocks under a heading of its own, its headings one level down. */
    static void append(String heading, ParsedDocument doc, Sink sink) {
        sink.heading(1, heading);
        doc.headers().forEach((header, value) -> sink.paragraph(header + ": " + value));
        for (Block block : doc.blocks()) {
            switch (block) {
                case Block.Heading h -> sink.heading(Math.min(6, h.level() + 1), h.text());
                case Block.Paragraph p -> sink.paragraph(p.text());
                case Block.ListItem item -> sink.listItem(item.text());
                case Block.Note note -> sink.note(note.kind(), note.author(), note.text());
                case Block.Table t ->
                    sink.table(
                            t.name(),
                            t.header(),
                            t.rows().stream().map(Block.Row::cells).toList());
            }
        }
    }
}
