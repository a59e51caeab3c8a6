package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A folder of real-world example documents (docs-dev, kept beside the repository) through {@code verity ingest}, as a
 * user would point it at a shared drive: every file from which Apache Tika's own recursive parser gets text — its text
 * and the text of everything embedded in it — is indexed, except the files listed below with the reason each is not.
 * Heavy: runs with {@code ./run-tests -Pheavy}; writes {@code target/docs-dev-coverage.md}.
 */
@Tag("heavy")
class DocsDevCoverageIT {
    private static final Path DOCS_DEV = Path.of("../../shared/data/docs-dev/files");
    /** Letters Tika must find for a file to count as holding text. */
    private static final int MIN_LETTERS = 20;

    /** Files Tika gets text from that Verity does not index, each with the reason (relative path → reason). */
    private static final Map<String, String> EXCEPTIONS = Map.of(
            "img/DA-1p.heic",
            "HEIC: neither the JDK, an ImageIO plugin we ship nor Tesseract decodes it; refused, saying to convert it",
            "eml/fake-encrypted.eml",
            "a PGP/MIME-encrypted body: the letters Tika counts are the ciphertext; refused as encrypted");

    @TempDir
    Path root;

    @Test
    void indexesEveryFileTikasRecursiveParserGetsTextFrom() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DOCS_DEV), "docs-dev is not beside the repository");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DOCS_DEV)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Integer> tikaLetters = tikaLetters(files);

        Cli.Result ingest = Cli.run("ingest", "--data", root.resolve("data").toString(), "--json", DOCS_DEV.toString());
        Map<String, JsonNode> bySource = new TreeMap<>();
        for (JsonNode line : ingest.jsonLines()) {
            if (line.has("source") && line.has("status")) {
                bySource.put(line.get("source").asString(), line);
            }
        }

        List<String> missed = new ArrayList<>();
        StringBuilder report = new StringBuilder("| file | Tika letters | Verity |\n|---|---|---|\n");
        for (Path file : files) {
            String relative = DOCS_DEV.relativize(file).toString();
            JsonNode result = bySource.entrySet().stream()
                    .filter(e -> e.getKey().equals(relative) || e.getKey().endsWith("/" + relative))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            String verity = result == null
                    ? "no result"
                    : result.get("status").asString()
                            + (result.get("reason").isNull()
                                    ? ""
                                    : " " + result.get("reason").asString())
                            + " (" + result.path("chunks").asInt() + " chunks)";
            int letters = tikaLetters.getOrDefault(relative, -1);
            report.append("| ")
                    .append(relative)
                    .append(" | ")
                    .append(letters < 0 ? "failed" : String.valueOf(letters))
                    .append(" | ")
                    .append(verity)
                    .append(" |\n");
            boolean indexed = result != null
                    && (result.get("status").asString().equals("indexed")
                            || result.get("status").asString().equals("unchanged"));
            if (letters >= MIN_LETTERS && !indexed && !EXCEPTIONS.containsKey(relative)) {
                missed.add(relative + ": Tika reads " + letters + " letters, Verity: " + verity);
            }
            if (result != null
                    && "unsupported_type".equals(result.path("reason").asString())
                    && !EXCEPTIONS.containsKey(relative)) {
                missed.add(relative + ": refused as unsupported_type: "
                        + result.get("message").asString());
            }
        }
        Files.writeString(Path.of("target/docs-dev-coverage.md"), report);
        assertThat(missed)
                .as("files with text that Verity does not index (see target/docs-dev-coverage.md)")
                .isEmpty();
    }

    /** Letters in the text Tika's AutoDetectParser gets from each file, recursing into embedded documents; -1: failed. */
    private static Map<String, Integer> tikaLetters(List<Path> files) throws Exception {
        AutoDetectParser parser = new AutoDetectParser();
        Map<String, Integer> letters = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Path file : files) {
                Future<Integer> count = pool.submit(() -> {
                    BodyContentHandler text = new BodyContentHandler(-1);
                    ParseContext context = new ParseContext();
                    context.set(Parser.class, parser);
                    try (InputStream in = Files.newInputStream(file)) {
                        parser.parse(in, text, new Metadata(), context);
                    }
                    return (int) text.toString()
                            .codePoints()
                            .filter(Character::isLetter)
                            .count();
                });
                int value;
                try {
                    value = count.get(2, TimeUnit.MINUTES);
                } catch (Exception e) {
                    count.cancel(true);
                    value = -1;
                }
                letters.put(DOCS_DEV.relativize(file).toString(), value);
            }
        } finally {
            pool.shutdownNow();
        }
        return letters;
    }
}
