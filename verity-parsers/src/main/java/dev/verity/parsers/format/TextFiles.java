package dev.verity.parsers.format;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;
import org.apache.tika.parser.txt.UniversalEncodingDetector;

/**
 * Opens text-based files (TXT, CSV, HTML, Markdown) with their character set detected from the bytes, in this order:
 *
 * <ol>
 *   <li>a byte order mark (UTF-8, UTF-16, UTF-32);
 *   <li>UTF-16 without a byte order mark, told by the zero byte that most characters of Latin-script text have on
 *       the same side of each byte pair ({@link #utf16WithoutByteOrderMark});
 *   <li>UTF-8, when the start of the file is valid UTF-8 with at least one character beyond ASCII — whatever the file
 *       declares: bytes of another charset almost never form valid UTF-8 sequences, while pages saved as UTF-8 under
 *       a copied {@code <meta charset="iso-8859-1">} are common;
 *   <li>Tika's detectors: an HTML {@code <meta charset>}, else the statistical detectors (juniversalchardet, ICU4J) —
 *       except that a declared UTF-8 the bytes are not is overruled by the statistical detectors, and read as
 *       windows-1252 when they find nothing else.
 * </ol>
 */
public final class TextFiles {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** As much as charset detectors look at. */
    private static final int SNIFF_BYTES = 8192;
    /** How much of the file the UTF-8 check reads: enough to reach the first accented word of a long English page. */
    private static final int UTF8_CHECK_BYTES = 256 * 1024;

    private static final int MAX_CONTROL_SHARE_INVERSE = 20;
    /**
     * UTF-16 without a byte order mark: at least this share (in tenths) of the byte pairs have their zero byte on one
     * side. Latin-script text has it in nearly every pair; text in other scripts is rarely saved without a mark.
     */
    private static final int MIN_ZERO_SIDE_TENTHS = 3;

    private final EncodingDetector encodings;
    private final EncodingDetector statistical =
            new CompositeEncodingDetector(List.of(new UniversalEncodingDetector(), new Icu4jEncodingDetector()));

    public TextFiles(EncodingDetector encodings) {
        this.encodings = encodings;
    }

    /** A reader over the decoded text, positioned after any byte order mark. */
    public BufferedReader open(Path file, String mediaType) throws IOException {
        Charset charset = charset(file, mediaType);
        TikaInputStream in = TikaInputStream.get(file);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
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
     * The charset the file is read in (see the class comment), UTF-8 when nothing is detected. ISO-8859-1 is read as
     * its superset windows-1252, as browsers do: files labelled or detected as Latin-1 are nearly always Windows files
     * whose curly quotes and dashes would otherwise become control characters.
     */
    private Charset charset(Path file, String mediaType) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(UTF8_CHECK_BYTES);
        }
        Optional<Charset> marked = byteOrderMark(head).or(() -> utf16WithoutByteOrderMark(head));
        if (marked.isPresent()) {
            return marked.get();
        }
        Utf8 utf8 = utf8(head);
        if (utf8 == Utf8.VALID) {
            return StandardCharsets.UTF_8;
        }
        Charset detected = detect(encodings, file, mediaType);
        if (utf8 == Utf8.INVALID && (detected == null || StandardCharsets.UTF_8.equals(detected))) {
            // declared (or guessed) UTF-8, but the bytes are not: ask the detectors that read only the bytes
            detected = detect(statistical, file, mediaType);
            if (detected == null || StandardCharsets.UTF_8.equals(detected)) {
                return WINDOWS_1252;
            }
        }
        if (detected == null) {
            return StandardCharsets.UTF_8;
        }
        return StandardCharsets.ISO_8859_1.equals(detected) ? WINDOWS_1252 : detected;
    }

    private static Charset detect(EncodingDetector detector, Path file, String mediaType) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, metadata);
        }
    }

    private enum Utf8 {
        /** Only ASCII bytes: any ASCII-compatible charset reads them alike. */
        ASCII,
        VALID,
        INVALID
    }

    private static Utf8 utf8(byte[] head) {
        int firstNonAscii = 0;
        while (firstNonAscii < head.length && head[firstNonAscii] >= 0) {
            firstNonAscii++;
        }
        if (firstNonAscii == head.length) {
            return Utf8.ASCII;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head);
        // not the end of input: a sequence cut by the end of the head, or of a truncated file, is not a wrong charset
        return decoder.decode(bytes, CharBuffer.allocate(head.length), false).isError() ? Utf8.INVALID : Utf8.VALID;
    }

    private static Optional<Charset> byteOrderMark(byte[] head) {
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && (head[2] & 0xff) == 0xFE && (head[3] & 0xff) == 0xFF) {
            return Optional.of(Charset.forName("UTF-32BE"));
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE && head[2] == 0 && head[3] == 0) {
            return Optional.of(Charset.forName("UTF-32LE"));
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    /**
     * UTF-16 without a byte order mark, as Windows tools save it: at least a third of the byte pairs have a zero byte
     * on the same side (the high byte of a Latin-script character), next to none on the other, and the text decodes
     * without control characters or broken surrogates. A binary file of 16-bit numbers fails the last test.
     */
    public static Optional<Charset> utf16WithoutByteOrderMark(byte[] head) {
        int pairs = Math.min(head.length, SNIFF_BYTES) / 2;
        if (pairs < 2) {
            return Optional.empty();
        }
        int zeroFirst = 0;
        int zeroSecond = 0;
        for (int i = 0; i < pairs; i++) {
            if (head[2 * i] == 0) {
                zeroFirst++;
            }
            if (head[2 * i + 1] == 0) {
                zeroSecond++;
            }
        }
        Charset charset;
        if (zeroFirst * 10 >= pairs * MIN_ZERO_SIDE_TENTHS && zeroSecond * MAX_CONTROL_SHARE_INVERSE <= pairs) {
            charset = StandardCharsets.UTF_16BE;
        } else if (zeroSecond * 10 >= pairs * MIN_ZERO_SIDE_TENTHS && zeroFirst * MAX_CONTROL_SHARE_INVERSE <= pairs) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            return Optional.empty();
        }
        CharBuffer text = CharBuffer.allocate(pairs);
        var result = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head, 0, pairs * 2), text, false);
        if (result.isError()) {
            return Optional.empty();
        }
        text.flip();
        int controls = 0;
        while (text.hasRemaining()) {
            char c = text.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                controls++;
            }
        }
        return controls * MAX_CONTROL_SHARE_INVERSE > pairs ? Optional.empty() : Optional.of(charset);
    }

    /**
     * For a file saved as UTF-16, with or without a byte order mark: its text re-encoded as UTF-8, for the readers of
     * formats that assume an ASCII-compatible charset (an e-mail's headers); empty for any other file. The whole file
     * is read: it is bounded by the file size limit.
     */
    public static Optional<InputStream> utf16AsUtf8(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        Optional<Charset> utf16 = byteOrderMark(head)
                .filter(c -> c.equals(StandardCharsets.UTF_16BE) || c.equals(StandardCharsets.UTF_16LE))
                .or(() -> utf16WithoutByteOrderMark(head));
        if (utf16.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(Files.readAllBytes(file), utf16.get());
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        return Optional.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * True when the start of the file holds bytes that text does not: a NUL, or more than one in
     * {@value #MAX_CONTROL_SHARE_INVERSE} control characters. Such a file only has a text file's name. Files that
     * start with a UTF-16 or UTF-32 byte order mark, and UTF-16 without one, are text whatever their zero bytes.
     */
    public static boolean looksBinary(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (startsWithWideByteOrderMark(head) || utf16WithoutByteOrderMark(head).isPresent()) {
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
