package dev.verity.parsers.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

/**
 * Opens text-based files (TXT, CSV, HTML, Markdown) with their character set detected by Tika: a byte order mark,
 * an HTML {@code <meta charset>}, or the statistical detectors (UTF-8, UTF-16, windows-1252, ISO-8859-x…).
 */
public final class TextFiles {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** As much as charset detectors look at. */
    private static final int SNIFF_BYTES = 8192;

    private static final int MAX_CONTROL_SHARE_INVERSE = 20;

    private final EncodingDetector encodings;

    public TextFiles(EncodingDetector encodings) {
        this.encodings = encodings;
    }

    /** A reader over the decoded text, positioned after any byte order mark. */
    public BufferedReader open(Path file, String mediaType) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        TikaInputStream in = TikaInputStream.get(file);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset(in, metadata)));
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The detected charset, UTF-8 when nothing is detected. ISO-8859-1 is read as its superset windows-1252, as
     * browsers do: files labelled or detected as Latin-1 are nearly always Windows files whose curly quotes and
     * dashes would otherwise become control characters.
     */
    private Charset charset(TikaInputStream in, Metadata metadata) throws IOException {
        Charset detected = encodings.detect(in, metadata);
        if (detected == null) {
            return StandardCharsets.UTF_8;
        }
        return StandardCharsets.ISO_8859_1.equals(detected) ? WINDOWS_1252 : detected;
    }

    /**
     * True when the start of the file holds bytes that text does not: a NUL, or more than one in
     * {@value #MAX_CONTROL_SHARE_INVERSE} control characters. Such a file only has a text file's name. Files that
     * start with a UTF-16 or UTF-32 byte order mark are text whatever their zero bytes.
     */
    public static boolean looksBinary(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (startsWithWideByteOrderMark(head)) {
            return false;
        }
        int controls = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                controls++;
            }
        }
        return controls * MAX_CONTROL_SHARE_INVERSE > head.length;
    }

    private static boolean startsWithWideByteOrderMark(byte[] head) {
        return head.length >= 2
                && (((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)
                        || ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)
                        || (head.length >= 4
                                && head[0] == 0
                                && head[1] == 0
                                && (head[2] & 0xff) == 0xFE
                                && (head[3] & 0xff) == 0xFF));
    }

    /** The whole decoded text. Callers only read markup this way; its size is bounded by the file size limit. */
    public String read(Path file, String mediaType) throws IOException {
        try (BufferedReader reader = open(file, mediaType)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }
}
