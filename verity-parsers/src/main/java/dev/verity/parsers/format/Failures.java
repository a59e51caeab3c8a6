package dev.verity.parsers.format;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVException;
import org.apache.james.mime4j.MimeException;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.RecordFormatException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.utils.XMLReaderUtils;
import org.apache.xmlbeans.XmlException;
import org.xml.sax.SAXException;

/**
 * Maps whatever a parser library threw on a bad file to one typed rejection. The only place that decides between
 * {@code ENCRYPTED}, {@code CORRUPT}, {@code TOO_LARGE}, {@code RESOURCE_LIMIT} and
 * {@code UNPARSEABLE}:
 *
 * <ul>
 *   <li>the text limit was hit anywhere in the cause chain: too large;
 *   <li>a safety limit fired (zip bomb, nesting, XML entity expansion or the JDK's other XML limits, codes
 *       JAXP00010001 to JAXP00010008, image size): resource limit, naming the limit;
 *   <li>a password is needed (Tika, PDFBox or POI say so): encrypted;
 *   <li>the bytes do not make a valid file (I/O, zip, XML, MIME, CSV syntax, Tika's own parse errors, or a read past
 *       the end of the data, which is how POI meets a truncated OLE2 file): corrupt;
 *   <li>anything else, typically a bug in a parser library meeting an odd file: unparseable.
 * </ul>
 *
 * Details are one sentence naming the format and the deepest cause, never a stack trace.
 */
public final class Failures {
    /** Long enough for "Missing root object specification in trailer", short enough for a result table. */
    private static final int MAX_CAUSE_LENGTH = 160;

    private Failures() {}

    public static DocumentRejectedException reject(Format format, Throwable failure, TextBudget budget) {
        List<Throwable> chain = chain(failure);
        if (budget.exceeded() || chain.stream().anyMatch(TextLimitExceededException.class::isInstance)) {
            return tooLarge(budget.max(), failure);
        }
        for (Throwable t : chain) {
            if (t instanceof ResourceLimitException limit) {
                return new DocumentRejectedException(RejectionReason.RESOURCE_LIMIT, limit.getMessage(), failure);
            }
        }
        String zipBomb = zipBomb(chain);
        if (zipBomb != null) {
            return new DocumentRejectedException(
                    RejectionReason.RESOURCE_LIMIT, "the " + format.label() + zipBomb, failure);
        }
        for (Throwable t : chain) {
            String message = t instanceof SAXException ? t.getMessage() : null;
            if (message == null || !message.contains("JAXP0001000")) {
                continue;
            }
            if (message.contains("JAXP00010001")) {
                return new DocumentRejectedException(
                        RejectionReason.RESOURCE_LIMIT,
                        "the " + format.label()
                                + " declares XML entities that expand more than "
                                + XMLReaderUtils.getMaxEntityExpansions()
                                + " times, the limit of Tika's hardened XML parser (a billion-laughs bomb; this limit is"
                                + " fixed)",
                        failure);
            }
            // the JDK's own limits for untrusted XML: element depth, entity sizes, name lengths
            String limit =
                    clip(message.substring(message.indexOf("JAXP0001000")).replaceFirst("^JAXP\\d+: ", ""));
            return new DocumentRejectedException(
                    RejectionReason.RESOURCE_LIMIT,
                    "the " + format.label() + " exceeds a limit of the JDK's XML parser: " + limit
                            + " (this limit is fixed)",
                    failure);
        }
        if (chain.stream().anyMatch(Failures::isDoctype)) {
            return new DocumentRejectedException(
                    RejectionReason.CORRUPT,
                    "the " + format.label() + " declares a DTD"
                            + " (<!DOCTYPE>), which Office never writes; it is refused because a DTD can expand entities or"
                            + " read local files",
                    failure);
        }
        if (chain.stream().anyMatch(Failures::isEncryption)) {
            return encrypted(format.label(), failure);
        }
        String cause = shortCause(chain);
        if (isDamage(chain)) {
            return new DocumentRejectedException(
                    RejectionReason.CORRUPT, "the " + format.label() + " is damaged or truncated: " + cause, failure);
        }
        return new DocumentRejectedException(
                RejectionReason.UNPARSEABLE, "the " + format.label() + " could not be parsed: " + cause, failure);
    }

    public static DocumentRejectedException encrypted(String label, Throwable cause) {
        return new DocumentRejectedException(
                RejectionReason.ENCRYPTED, "the " + label + " is protected by a password", cause);
    }

    public static DocumentRejectedException tooLarge(int max, Throwable cause) {
        return new DocumentRejectedException(
                RejectionReason.TOO_LARGE,
                String.format(Locale.ROOT, "the file holds more than %,d characters of text, the limit per file", max),
                cause);
    }

    /**
     * POI's {@code ZipSecureFile} says "Zip bomb detected!" in an IOException, then which limit: the inflate ratio or
     * the size of an entry. Null when no zip bomb was detected.
     */
    private static String zipBomb(List<Throwable> chain) {
        for (Throwable t : chain) {
            String message = t.getMessage();
            if (message != null && message.startsWith("Zip bomb detected!")) {
                String entry = message.lines()
                        .filter(l -> l.contains("Entry: "))
                        .findFirst()
                        .map(l -> " entry "
                                + l.substring(l.indexOf("Entry: ") + "Entry: ".length())
                                        .strip())
                        .orElse(" an entry");
                if (message.contains("max size")) {
                    return String.format(
                            Locale.ROOT,
                            " is a zip bomb:%s expands beyond %,d bytes, POI's limit per"
                                    + " entry (this limit is fixed)",
                            entry,
                            ZipSecureFile.getMaxEntrySize());
                }
                return String.format(
                        Locale.ROOT,
                        " is a zip bomb:%s expands more than %,d times its compressed"
                                + " size, the limit (VERITY_PARSE_MAX_EXPANSION_RATIO)",
                        entry,
                        Math.round(1 / ZipSecureFile.getMinInflateRatio()));
            }
        }
        return null;
    }

    /** POI's XML parsers refuse any DTD in Office XML, so no entity is ever expanded or resolved. */
    private static boolean isDoctype(Throwable t) {
        String message = t.getMessage();
        return t instanceof SAXException && message != null && message.startsWith("DOCTYPE is disallowed");
    }

    private static boolean isEncryption(Throwable t) {
        return t instanceof EncryptedDocumentException
                || t instanceof InvalidPasswordException
                || t instanceof org.apache.poi.EncryptedDocumentException;
    }

    /**
     * A damaged file shows up as an exception about the bytes; a library bug as a bare runtime exception. The deepest
     * cause decides, because Tika wraps both kinds in a {@link TikaException}.
     */
    private static boolean isDamage(List<Throwable> chain) {
        Throwable root = chain.getLast();
        if (isFormatError(root)) {
            return true;
        }
        if (root instanceof RuntimeException || root instanceof Error) {
            return false;
        }
        return chain.stream().anyMatch(t -> t instanceof TikaException || isFormatError(t));
    }

    private static boolean isFormatError(Throwable t) {
        return (t instanceof IOException)
                || t instanceof UncheckedIOException
                || t instanceof SAXException
                || t instanceof XmlException
                || t instanceof MimeException
                || t instanceof CSVException
                || t instanceof OpenXML4JException
                || t instanceof OpenXML4JRuntimeException
                || t instanceof POIXMLException
                || t instanceof UnsupportedFileFormatException
                || t instanceof RecordFormatException
                || t instanceof IndexOutOfBoundsException
                || t instanceof BufferUnderflowException
                || (t instanceof TikaException && t.getCause() == null);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The deepest message worth showing, on one line, without a trailing period. */
    private static String shortCause(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank() && !message.startsWith("TIKA-198")) {
                return clip(message);
            }
        }
        return chain.getLast().getClass().getSimpleName();
    }

    private static String clip(String message) {
        String line = message.strip().lines().findFirst().orElse("").strip();
        if (line.length() > MAX_CAUSE_LENGTH) {
            line = line.substring(0, MAX_CAUSE_LENGTH - 1).stripTrailing() + "…";
        }
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line;
    }
}
