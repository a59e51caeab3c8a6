package dev.verity.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The golden question set shipped in {@code samples/golden.jsonl}: one case per line. */
record GoldenSet(List<Case> cases) {
    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    record Case(
            String id,
            String question,
            boolean answerable,
            List<String> expectedSources,
            List<Integer> expectedPages,
            List<String> mustContain,
            List<String> mustNotContain,
            List<String> principals,
            String referenceAnswer,
            List<String> tags) {}

    static GoldenSet load() throws IOException {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLES.resolve("golden.jsonl"))) {
            if (!line.isBlank()) {
                cases.add(mapper.readValue(line, Case.class));
            }
        }
        return new GoldenSet(cases);
    }

    /** Lower-cased with whitespace collapsed, so PDF line breaks and case never decide a match. */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
