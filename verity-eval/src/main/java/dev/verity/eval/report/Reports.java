package dev.verity.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing {@code report.json}, and small helpers shared by the report records. */
public final class Reports {
    /** The JSON form of every report record: snake_case names, indented, unknown fields ignored on read. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Metric values are written with this many decimals: enough for any difference that matters. */
    private static final double ROUNDING = 1e6;

    private Reports() {}

    public static void write(Report report, Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(report) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a {@code report.json}; a folder means the {@code report.json} inside it. */
    public static Report read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(ReportWriter.JSON_FILE) : path;
        try {
            return JSON.readValue(Files.readString(file), Report.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such report: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    file + " is not a report.json of verity eval: " + e.getOriginalMessage());
        }
    }

    /** Rounded to 6 decimals, as metric values are written. */
    public static double round(double value) {
        return Math.round(value * ROUNDING) / ROUNDING;
    }

    static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
