package dev.verity.parsers.text;

import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads plain text: paragraphs are separated by blank lines; a line underlined with {@code ===} or {@code ---} is a
 * level-1 or level-2 heading (the Setext convention READMEs use); a paragraph that starts with a bullet
 * ({@code -}, {@code *}, {@code •}) is a list, one item per bullet line.
 */
public final class PlainTextReader implements FormatReader {
    private static final Pattern LEVEL_1_UNDERLINE = Pattern.compile("\\s*={3,}\\s*");
    private static final Pattern LEVEL_2_UNDERLINE = Pattern.compile("\\s*-{3,}\\s*");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*•·]\\s+");

    private final TextFiles textFiles;

    public PlainTextReader(TextFiles textFiles) {
        this.textFiles = textFiles;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException {
        try (BufferedReader reader = textFiles.open(source.file(), source.mediaType())) {
            readText(reader, sink);
        }
        return Result.NONE;
    }

    /** Reads text already decoded, such as the plain-text body of an e-mail. */
    public static void readText(BufferedReader reader, Sink sink) throws IOException {
        List<String> lines = new ArrayList<>();
        long pending = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                paragraph(lines, sink);
                lines.clear();
                pending = 0;
            } else {
                lines.add(line);
                pending += line.length();
                sink.budget().check(pending);
            }
        }
        paragraph(lines, sink);
    }

    private static void paragraph(List<String> lines, Sink sink) {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int level = i + 1 < lines.size() ? underlineLevel(lines.get(i + 1)) : 0;
            if (level > 0 && underlineLevel(line) == 0) {
                emit(body, sink);
                body.clear();
                sink.heading(level, line);
                i++; // the underline itself
            } else {
                body.add(line);
            }
        }
        emit(body, sink);
    }

    private static void emit(List<String> lines, Sink sink) {
        if (lines.isEmpty()) {
            return;
        }
        if (!BULLET.matcher(lines.getFirst()).lookingAt()) {
            sink.paragraph(String.join("\n", lines));
            return;
        }
        StringBuilder item = new StringBuilder();
        for (String line : lines) {
            if (BULLET.matcher(line).lookingAt()) {
                if (!item.isEmpty()) {
                    sink.listItem(item.toString());
                    item.setLength(0);
                }
                item.append(BULLET.matcher(line).replaceFirst(""));
            } else {
                item.append(' ').append(line);
            }
        }
        sink.listItem(item.toString());
    }

    private static int underlineLevel(String line) {
        if (LEVEL_1_UNDERLINE.matcher(line).matches()) {
            return 1;
        }
        return LEVEL_2_UNDERLINE.matcher(line).matches() ? 2 : 0;
    }
}
