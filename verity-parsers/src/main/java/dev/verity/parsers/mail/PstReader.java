package dev.verity.parsers.mail;

import com.pff.PSTException;
import com.pff.PSTFile;
import com.pff.PSTFolder;
import com.pff.PSTMessage;
import com.pff.PSTObject;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextBudget;
import dev.verity.parsers.text.PlainTextReader;
import dev.verity.parsers.web.HtmlReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * Reads an Outlook data file ({@code .pst}, {@code .ost}) with java-libpst as one document with one level-1 section
 * per message, folder by folder — the shape {@link MboxReader} gives a mailbox, and for the same reason: one file, one
 * document, so the data file is ingested, synced and deleted like any other. Each section is headed "Subject (from
 * Sender, Date)" and holds the folder, the sender, the recipients and the body (the plain-text body, else the HTML one
 * with its markup removed). Calendar items, contacts and tasks are messages too and are read the same way.
 *
 * <p>Not read: attachments (they would be documents of their own, see issue 14's embedded documents), and messages
 * deeper than {@value #MAX_FOLDER_DEPTH} folders. A data file without messages is rejected as {@code NO_TEXT}.
 *
 * <p>Tika's own {@code OutlookPSTParser} hands every message on as an embedded document, which the Tika path declines
 * by design ({@code NoEmbeddedDocuments}); reading the messages here keeps them in the document.
 */
public final class PstReader implements FormatReader {
    /** Outlook nests folders a few levels deep; a deeper chain is a damaged or hostile file. */
    static final int MAX_FOLDER_DEPTH = 32;

    @Override
    public Result read(Source source, Sink sink) throws IOException, DocumentRejectedException {
        PSTFile pst;
        try {
            pst = new PSTFile(source.file().toFile());
        } catch (PSTException e) {
            throw new IOException("not a readable Outlook data file: " + e.getMessage(), e);
        }
        int messages;
        try {
            messages = folder(pst.getRootFolder(), "", sink, 0, 0);
        } catch (PSTException e) {
            throw new IOException("the Outlook data file is damaged: " + e.getMessage(), e);
        } finally {
            pst.close();
        }
        if (messages == 0) {
            throw new DocumentRejectedException(RejectionReason.NO_TEXT, "the Outlook data file holds no messages");
        }
        return Result.NONE;
    }

    /** @return how many messages were read so far, this folder's and its subfolders' included */
    private static int folder(PSTFolder folder, String path, Sink sink, int depth, int read)
            throws PSTException, IOException {
        if (depth > MAX_FOLDER_DEPTH) {
            return read;
        }
        String name =
                folder.getDisplayName() == null ? "" : folder.getDisplayName().strip();
        String here = path.isEmpty() ? name : name.isEmpty() ? path : path + " / " + name;
        if (folder.getContentCount() > 0) {
            for (PSTObject child = folder.getNextChild(); child != null; child = folder.getNextChild()) {
                if (child instanceof PSTMessage message) {
                    append(message, here, ++read, sink);
                }
            }
        }
        if (folder.hasSubfolders()) {
            for (PSTFolder sub : folder.getSubFolders()) {
                read = folder(sub, here, sink, depth + 1, read);
            }
        }
        return read;
    }

    private static void append(PSTMessage message, String folder, int number, Sink sink) throws IOException {
        Sink part = new Sink(
                "message/rfc822",
                DocumentKind.EMAIL,
                new TextBudget(sink.budget().remaining()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Subject", message.getSubject());
        headers.put("From", sender(message));
        headers.put("To", message.getDisplayTo());
        headers.put("Cc", message.getDisplayCC());
        Date date = message.getMessageDeliveryTime() != null
                ? message.getMessageDeliveryTime()
                : message.getClientSubmitTime();
        headers.put("Date", date == null ? null : date.toInstant().toString());
        headers.put("Folder", folder);
        headers.forEach((header, value) -> {
            if (value != null && !value.isBlank()) {
                part.header(header, value.strip());
            }
        });
        String body = message.getBody();
        if (body != null && !body.isBlank()) {
            PlainTextReader.readText(new BufferedReader(new StringReader(body)), part);
        } else if (message.getBodyHTML() != null && !message.getBodyHTML().isBlank()) {
            HtmlReader.appendBody(Jsoup.parse(message.getBodyHTML()), part);
        }
        ParsedDocument doc = part.build();
        EmailReader.append(MboxReader.heading(doc.headers(), number), doc, sink);
    }

    private static String sender(PSTMessage message) {
        String name =
                message.getSenderName() == null ? "" : message.getSenderName().strip();
        String address = message.getSenderEmailAddress() == null
                ? ""
                : message.getSenderEmailAddress().strip();
        if (address.isEmpty() || address.equals(name)) {
            return name;
        }
        return name.isEmpty() ? address : name + " <" + address + ">";
    }
}
