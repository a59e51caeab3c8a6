package dev.verity.parsers;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.Format;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Rejects files cut short, or not of the format their name claims, before a lenient parser can half-read them.
 * PDFBox rebuilds a PDF without its cross-reference table by scanning for objects, and POI reads a zip without its
 * central directory entry by entry; both then return whatever survived, silently missing pages or styles. So a PDF
 * must end with {@code %%EOF} (within the last 1,024 bytes, where Acrobat looks for it), a zip package with its
 * end-of-central-directory record, and an RTF file must start with <code>{\rtf</code>.
 */
final class Integrity {
    private static final int PDF_TAIL = 1024;
    /** The record is 22 bytes, followed by a comment of at most 65,535 bytes. */
    private static final int ZIP_TAIL = 22 + 65_535;

    private static final byte[] PDF_EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_END_OF_DIRECTORY = {'P', 'K', 5, 6};
    private static final byte[] RTF_SIGNATURE = "{\\rtf".getBytes(StandardCharsets.US_ASCII);

    private Integrity() {}

    static void check(Format format, Path file) throws IOException, DocumentRejectedException {
        switch (format) {
            case PDF -> {
                if (!tailContains(file, PDF_TAIL, PDF_EOF)) {
                    throw truncated(format, "the end-of-file marker is missing");
                }
            }
            case DOCX, PPTX, XLSX, ODT, ODS, ODP, EPUB -> {
                if (!tailContains(file, ZIP_TAIL, ZIP_END_OF_DIRECTORY)) {
                    throw truncated(format, "the zip directory at the end of the file is missing");
                }
            }
            case RTF -> {
                if (!startsWith(file, RTF_SIGNATURE)) {
                    throw truncated(format, "it does not start with the RTF signature");
                }
            }
            default -> {
                // formats without an end marker are checked by their parser
            }
        }
    }

    private static DocumentRejectedException truncated(Format format, String what) {
        return new DocumentRejectedException(
                RejectionReason.CORRUPT, "the " + format.label() + " is damaged or truncated: " + what);
    }

    private static boolean startsWith(Path file, byte[] signature) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(signature.length), signature);
        }
    }

    private static boolean tailContains(Path file, int tailLength, byte[] marker) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, tailLength);
            ByteBuffer tail = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // fill the buffer
            }
            byte[] bytes = tail.array();
            outer:
            for (int i = bytes.length - marker.length; i >= 0; i--) {
                for (int j = 0; j < marker.length; j++) {
                    if (bytes[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
