package dev.verity.eval.gate;

import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.MetricNames;
import dev.verity.eval.report.Report;
import dev.verity.eval.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * The scores a change must not fall below: the gated metrics of an accepted run and each case's values of them, so a
 * failing gate can name the cases that got worse. Written deliberately ({@code verity eval --update-baseline}) and
 * committed next to the dataset.
 *
 * @param dataset the dataset the baseline was made on
 * @param configFingerprint the configuration it was made with
 * @param createdAt ISO-8601 instant
 * @param metrics gated metric to accepted value
 * @param cases case id to its values of the gated metrics (and {@code passed}: 1 when every assertion held)
 */
public record Baseline(
        String dataset,
        String configFingerprint,
        String createdAt,
        Map<String, Double> metrics,
        Map<String, Map<String, Double>> cases) {

    /** A case's assertions, as 1 (all held) or 0, under this name in {@link #cases}. */
    public static final String PASSED = "passed";

    /** Per mode; the gate watches the headline ranking metrics. */
    static final List<String> GATED_RETRIEVAL =
            List.of(MetricNames.NDCG_10, MetricNames.recall(10), MetricNames.recall(100), MetricNames.MRR_10);

    static final List<String> GATED_ANSWERS = List.of(
            MetricNames.RIGHT_WITH_CITATION,
            MetricNames.EXACT_MATCH,
            MetricNames.F1,
            MetricNames.CITATION_PRECISION,
            MetricNames.ABSTAIN_PRECISION,
            MetricNames.ABSTAIN_RECALL,
            MetricNames.ASSERTIONS_PASSED,
            MetricNames.LEAKS);

    public Baseline {
        Objects.requireNonNull(dataset, "dataset");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        cases.forEach((id, values) -> copy.put(id, Collections.unmodifiableMap(new TreeMap<>(values))));
        cases = Collections.unmodifiableMap(copy);
    }

    /** The baseline a run would set: its gated metrics and every case's values of them. */
    public static Baseline of(Report report) {
        Map<String, Double> flat = report.flatMetrics();
        Map<String, Double> gated = new LinkedHashMap<>();
        for (String mode : report.run().modes()) {
            GATED_RETRIEVAL.forEach(m -> copy(flat, MetricNames.retrieval(mode, m), gated));
        }
        GATED_ANSWERS.forEach(m -> copy(flat, MetricNames.answers(m), gated));
        MetricNames.JUDGE.forEach(m -> copy(flat, MetricNames.judge(m), gated));
        Map<String, Map<String, Double>> cases = new LinkedHashMap<>();
        for (CaseReport c : report.cases()) {
            Map<String, Double> values = new TreeMap<>();
            gated.keySet().forEach(name -> {
                Double value = c.metrics().get(name);
                if (value != null) {
                    values.put(name, value);
                }
            });
            if (c.passed() != null) {
                values.put(PASSED, c.passed() ? 1.0 : 0.0);
            }
            cases.put(c.id(), values);
        }
        return new Baseline(
                report.run().dataset(),
                report.run().configFingerprint(),
                report.run().finishedAt(),
                gated,
                cases);
    }

    public static Baseline read(Path file) {
        try {
            return Reports.JSON.readValue(Files.readString(file), Baseline.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "no such baseline: " + file + " (write one deliberately with --update-baseline)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a baseline of verity eval: " + e.getOriginalMessage());
        }
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Reports.JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void copy(Map<String, Double> from, String name, Map<String, Double> to) {
        Double value = from.get(name);
        if (value != null) {
            to.put(name, value);
        }
    }
}
