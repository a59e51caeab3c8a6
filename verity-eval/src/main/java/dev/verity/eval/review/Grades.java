package dev.verity.eval.review;

import dev.verity.eval.dataset.DatasetException;
import dev.verity.eval.metrics.Agreement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grades read back from a review sample ({@link ReviewSample}) once people have filled in the {@code human_*}
 * columns, and what they say: the mean human score per dimension and, where the judge graded the same answers, how
 * often judge and human agree ({@link Agreement}).
 *
 * <p>A grade is a number in [0, 1], or yes/no (also true/false, pass/fail); an empty cell is not graded. Anything else
 * is refused with the file, the line and the column.
 *
 * @param rows every row read, graded or not
 */
public record Grades(List<Row> rows) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer's scores by dimension ({@code faithfulness}, {@code relevance}, {@code correctness}). */
    public record Row(String id, Map<String, Double> judge, Map<String, Double> human) {
        public Row {
            judge = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(judge));
            human = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(human));
        }
    }

    /**
     * One dimension's summary.
     *
     * @param graded answers people graded on it
     * @param humanMean their mean grade; NaN when none was graded
     * @param agreement judge against human on the answers both graded, each score binarised at
     *     {@link Agreement#PASS}
     */
    public record Dimension(String name, int graded, double humanMean, Agreement agreement) {}

    public Grades {
        rows = List.copyOf(rows);
    }

    public static Grades read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
            if (name.endsWith(".jsonl")) {
                return readJsonl(file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such grades file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        throw new IllegalArgumentException("the grades file must end in .csv or .jsonl, got " + file);
    }

    /** Per dimension: human mean and judge-human agreement. */
    public List<Dimension> summary() {
        List<Dimension> dimensions = new ArrayList<>();
        for (String d : ReviewColumns.DIMENSIONS) {
            List<Double> human = new ArrayList<>();
            List<Double> pairedJudge = new ArrayList<>();
            List<Double> pairedHuman = new ArrayList<>();
            for (Row row : rows) {
                Double h = row.human().get(d);
                if (h == null) {
                    continue;
                }
                human.add(h);
                Double j = row.judge().get(d);
                if (j != null) {
                    pairedJudge.add(j);
                    pairedHuman.add(h);
                }
            }
            double mean =
                    human.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            dimensions.add(new Dimension(d, human.size(), mean, Agreement.ofScores(pairedJudge, pairedHuman)));
        }
        return dimensions;
    }

    /** Rows with at least one human grade. */
    public long graded() {
        return rows.stream().filter(r -> !r.human().isEmpty()).count();
    }

    /** A table for the terminal. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(graded()).append(" of ").append(rows.size()).append(" answers graded\n");
        out.append(String.format(
                Locale.ROOT,
                "%-13s %7s %11s %7s %11s %7s%n",
                "dimension",
                "graded",
                "human mean",
                "pairs",
                "agreement",
                "kappa"));
        for (Dimension d : summary()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-13s %7d %11s %7d %11s %7s%n",
                    d.name(),
                    d.graded(),
                    fmt(d.humanMean()),
                    d.agreement().n(),
                    fmt(d.agreement().observed().orElse(Double.NaN)),
                    fmt(d.agreement().kappa().orElse(Double.NaN))));
        }
        if (rows.stream().allMatch(r -> r.judge().isEmpty())) {
            out.append("no judge scores in the sample: agreement needs a run with a judge configured\n");
        } else {
            out.append("agreement and Cohen's kappa on binarised scores (pass at ≥ ")
                    .append(Agreement.PASS)
                    .append(")\n");
        }
        return out.toString();
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static Grades readCsv(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            if (!csv.getHeaderMap().containsKey(ReviewColumns.ID)) {
                throw new DatasetException(file + ": no \"id\" column; expected the header of verity eval sample");
            }
            long previousEnd = csv.getCurrentLineNumber(); // the header's last line
            for (CSVRecord record : csv) {
                int line = (int) previousEnd + 1; // where the record starts: its cells may span lines
                previousEnd = csv.getCurrentLineNumber();
                Map<String, Double> judge = new LinkedHashMap<>();
                Map<String, Double> human = new LinkedHashMap<>();
                for (String d : ReviewColumns.DIMENSIONS) {
                    put(judge, d, cell(record, ReviewColumns.judge(d)), file, line, ReviewColumns.judge(d));
                    put(human, d, cell(record, ReviewColumns.human(d)), file, line, ReviewColumns.human(d));
                }
                rows.add(new Row(record.get(ReviewColumns.ID), judge, human));
            }
        }
        return new Grades(rows);
    }

    private static Grades readJsonl(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JacksonException e) {
                    throw new DatasetException(file + ":" + line + ": not valid JSON: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject() || !node.has(ReviewColumns.ID)) {
                    throw new DatasetException(file + ":" + line + ": expected an object with an \"id\"");
                }
                Map<String, Double> judge = new LinkedHashMap<>();
                Map<String, Double> human = new LinkedHashMap<>();
                for (String d : ReviewColumns.DIMENSIONS) {
                    put(judge, d, value(node.get(ReviewColumns.judge(d))), file, line, ReviewColumns.judge(d));
                    put(human, d, value(node.get(ReviewColumns.human(d))), file, line, ReviewColumns.human(d));
                }
                rows.add(new Row(node.get(ReviewColumns.ID).asString(), judge, human));
            }
        }
        return new Grades(rows);
    }

    private static String cell(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    private static String value(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asString();
    }

    private static void put(
            Map<String, Double> into, String dimension, String text, Path file, int line, String column) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return;
        }
        double grade = switch (value) {
            case "yes", "y", "true", "pass" -> 1;
            case "no", "n", "false", "fail" -> 0;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
        if (!(grade >= 0 && grade <= 1)) {
            throw new DatasetException(file + ":" + line + ": " + column + " must be a number in [0, 1] or yes/no,"
                    + " got \"" + text.strip() + "\"");
        }
        into.put(dimension, grade);
    }
}
