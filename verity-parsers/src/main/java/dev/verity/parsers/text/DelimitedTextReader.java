package dev.verity.parsers.text;

import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV and TSV files as one table whose header is the first record. The delimiter of a CSV file is sniffed from
 * its first lines, because "CSV" exported by a spreadsheet in a German or French locale uses semicolons (the comma
 * being the decimal separator).
 */
public final class DelimitedTextReader implements FormatReader {
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    /** Enough lines to see the pattern; small enough to stay in the reader's mark buffer. */
    private static final int SNIFF_CHARS = 64 * 1024;

    private static final int SNIFF_LINES = 20;

    private final TextFiles textFiles;

    public DelimitedTextReader(TextFiles textFiles) {
        this.textFiles = textFiles;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException {
        try (BufferedReader reader = textFiles.open(source.file(), source.mediaType())) {
            readTable(reader, source.format(), sink);
        }
        return Result.NONE;
    }

    private static void readTable(BufferedReader reader, Format format, Sink sink) throws IOException {
        char delimiter = format == Format.TSV ? '\t' : detectDelimiter(peek(reader));
        CSVFormat csv = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        long pending = 0;
        try (CSVParser parser = CSVParser.parse(reader, csv)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                for (String cell : cells) {
                    pending += cell.length();
                }
                sink.budget().check(pending);
                if (header == null) {
                    header = cells;
                } else {
                    rows.add(cells);
                }
            }
        }
        if (header != null) {
            sink.table("", header, rows);
        }
    }

    private static String peek(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS);
        char[] buffer = new char[SNIFF_CHARS];
        int filled = 0;
        for (int n; filled < buffer.length && (n = reader.read(buffer, filled, buffer.length - filled)) > 0; ) {
            filled += n;
        }
        reader.reset();
        return new String(buffer, 0, filled);
    }

    /**
     * The candidate that splits the first line at least once and splits the most sample lines into as many fields as
     * the first line; ties go to the more common delimiter (comma, semicolon, tab, pipe). Quoted text is ignored.
     */
    static char detectDelimiter(String sample) {
        List<String> lines =
                sample.lines().filter(l -> !l.isBlank()).limit(SNIFF_LINES).toList();
        if (lines.isEmpty()) {
            return ',';
        }
        char best = ',';
        int bestConsistent = 0;
        int bestCount = 0;
        for (char candidate : CANDIDATES) {
            int headerCount = countOutsideQuotes(lines.getFirst(), candidate);
            if (headerCount == 0) {
                continue;
            }
            int consistent = 0;
            for (String line : lines) {
                if (countOutsideQuotes(line, candidate) == headerCount) {
                    consistent++;
                }
            }
            if (consistent > bestConsistent || (consistent == bestConsistent && headerCount > bestCount)) {
                best = candidate;
                bestConsistent = consistent;
                bestCount = headerCount;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
