package dev.verity.eval.dataset;

import dev.verity.ingestion.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The documents of a BEIR dataset ({@code corpus.jsonl}: {@code _id}, {@code title}, {@code text} per line), turned
 * into files Verity ingests like any other: one plain-text file per record, its title as the first heading, ingested
 * under the source name {@code _id}, so every hit names the qrels' corpus id.
 *
 * <pre>{@code
 * List<SourceFile> files = BeirCorpus.writeDocuments(Path.of("scifact/corpus.jsonl"), tempFolder);
 * ingestion.ingest(files, IngestOptions.into("scifact"), listener);
 * }</pre>
 *
 * The title becomes the document's title and so the context line of each of its chunks: searched and embedded with
 * the text, as BEIR's baselines index title and text together.
 */
public final class BeirCorpus {
    public static final String FILE = "corpus.jsonl";

    /** One corpus document. */
    public record Record(String id, String title, String text) {}

    private BeirCorpus() {}

    /** Calls {@code consumer} with each record in file order; a bad line is a {@link DatasetException}. */
    public static void forEach(Path corpus, Consumer<Record> consumer) {
        if (!Files.isRegularFile(corpus)) {
            throw new DatasetException("no corpus: " + corpus + " does not exist");
        }
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonLine line = JsonLine.parse(corpus.toString(), number, text);
                String id = line.requiredString("_id");
                String title = line.optionalString("title").strip();
                String body = line.optionalString("text").strip();
                if (title.isEmpty() && body.isEmpty()) {
                    throw line.error("document \"" + id + "\" has neither title nor text");
                }
                if (!ids.add(id)) {
                    throw line.error("duplicate document id \"" + id + "\"");
                }
                consumer.accept(new Record(id, title, body));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + corpus, e);
        }
    }

    /**
     * Writes each record as a text file into {@code folder} (which must exist) and returns them named by their
     * {@code _id}, in corpus order. File names are positional, so any {@code _id} (slashes included) is safe.
     */
    public static List<SourceFile> writeDocuments(Path corpus, Path folder) {
        List<SourceFile> files = new ArrayList<>();
        forEach(corpus, record -> {
            Path file = folder.resolve("d%07d.txt".formatted(files.size()));
            try {
                Files.writeString(file, text(record), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            files.add(new SourceFile(file, record.id()));
        });
        return files;
    }

    /** The title underlined as a heading (the plain-text reader's Setext convention), a blank line, the text. */
    static String text(Record record) {
        if (record.title().isEmpty()) {
            return record.text() + "\n";
        }
        String title = record.title().replaceAll("\\s+", " ");
        String heading = title + "\n" + "=".repeat(Math.max(3, Math.min(title.length(), 80))) + "\n";
        return record.text().isEmpty() ? heading : heading + "\n" + record.text() + "\n";
    }
}
