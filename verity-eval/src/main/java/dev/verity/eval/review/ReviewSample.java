package dev.verity.eval.review;

import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.Report;
import dev.verity.internal.Checks;
import dev.verity.runs.AnswerRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A random sample of a run's answers for people to grade: question, answer, each citation with the full passage it
 * quotes, the reference answer, the judge's scores when there was a judge, and empty {@code human_*} columns to fill in
 * (a number in [0, 1], or yes/no). Written as CSV (for a spreadsheet) or JSONL, by the file's extension.
 *
 * <pre>{@code
 * List<CaseReport> sample = ReviewSample.draw(Reports.read(runDir), 50, 7);
 * ReviewSample.write(sample, Path.of("review.csv"));
 * }</pre>
 */
public final class ReviewSample {
    public static final long DEFAULT_SEED = 42;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReviewSample() {}

    /** {@code n} answered cases drawn without replacement (all of them when there are fewer), by a seeded shuffle. */
    public static List<CaseReport> draw(Report report, int n, long seed) {
        Checks.positive(n, "n");
        List<CaseReport> answered = new ArrayList<>(
                report.cases().stream().filter(c -> c.answer() != null).toList());
        if (answered.isEmpty()) {
            throw new IllegalArgumentException("the run has no answers to grade: it scored retrieval only (a BEIR"
                    + " dataset, or answers were not asked)");
        }
        Collections.shuffle(answered, new Random(seed));
        return List.copyOf(answered.subList(0, Math.min(n, answered.size())));
    }

    /**
     * {@code n} production runs drawn without replacement (all of them when there are fewer), by a seeded shuffle, as
     * cases in the shape {@link #write} writes: id = the run's trace id, the question as kept (scrubbed of personal
     * data), the answer and its cited chunks; no reference answer and no judge scores. Tags say the run's outcome and
     * its rating ({@code rated:down}) when it has one.
     */
    public static List<CaseReport> drawRuns(List<AnswerRun> runs, int n, long seed) {
        Checks.positive(n, "n");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to sample: runs are kept by `verity serve`; widen --since or"
                    + " --rating, or check VERITY_RUNS_SAMPLE_RATE");
        }
        List<AnswerRun> shuffled = new ArrayList<>(runs);
        shuffled.sort(java.util.Comparator.comparing(AnswerRun::runId));
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(n, shuffled.size())).stream()
                .map(ReviewSample::caseOf)
                .toList();
    }

    static CaseReport caseOf(AnswerRun run) {
        List<String> tags = new ArrayList<>(List.of("run", run.outcome()));
        run.feedback().ifPresent(f -> tags.add("rated:" + f.rating().code()));
        List<CaseReport.CitationReport> citations = run.citations().stream()
                .map(c -> new CaseReport.CitationReport(c.documentId(), 0, "", "", c.chunkId(), 0, "", false))
                .toList();
        CaseReport.AnswerReport answer = new CaseReport.AnswerReport(
                run.answer(),
                run.abstained(),
                0,
                citations,
                run.timingsMs().getOrDefault("total", 0L),
                run.costUsd(),
                (int) Math.min(Integer.MAX_VALUE, run.inputTokens()),
                (int) Math.min(Integer.MAX_VALUE, run.outputTokens()),
                run.generator(),
                run.model().orElse(null),
                run.prompt().orElse(null),
                run.degradedReason().isPresent(),
                run.degradedReason().orElse(null),
                List.of(),
                List.of());
        return new CaseReport(
                run.runId(), run.question(), true, tags, List.of(), List.of(), "", Map.of(), answer, null, null, null);
    }

    /** Writes the sample as CSV ({@code .csv}) or JSONL ({@code .jsonl}). */
    public static void write(List<CaseReport> sample, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (name.endsWith(".csv")) {
                writeCsv(sample, file);
            } else if (name.endsWith(".jsonl")) {
                writeJsonl(sample, file);
            } else {
                throw new IllegalArgumentException("the review file must end in .csv or .jsonl, got " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeCsv(List<CaseReport> sample, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        writer,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(ReviewColumns.csvHeader().toArray(String[]::new))
                                .get())) {
            for (CaseReport c : sample) {
                List<Object> row = new ArrayList<>(List.of(
                        c.id(),
                        c.question(),
                        c.answer().text(),
                        c.answer().abstained(),
                        citationsText(c),
                        c.referenceAnswer()));
                ReviewColumns.DIMENSIONS.forEach(d -> row.add(judgeScore(c, d)));
                ReviewColumns.DIMENSIONS.forEach(d -> row.add(""));
                row.add("");
                csv.printRecord(row);
            }
        }
    }

    private static void writeJsonl(List<CaseReport> sample, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (CaseReport c : sample) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(ReviewColumns.ID, c.id());
                row.put(ReviewColumns.QUESTION, c.question());
                row.put(ReviewColumns.ANSWER, c.answer().text());
                row.put(ReviewColumns.ABSTAINED, c.answer().abstained());
                List<Map<String, Object>> citations = new ArrayList<>();
                for (CaseReport.CitationReport cit : c.answer().citations()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", cit.source());
                    m.put("page", cit.page());
                    m.put("quote", cit.quote());
                    m.put("passage", cit.passage());
                    citations.add(m);
                }
                row.put(ReviewColumns.CITATIONS, citations);
                row.put(ReviewColumns.REFERENCE, c.referenceAnswer());
                ReviewColumns.DIMENSIONS.forEach(d -> row.put(ReviewColumns.judge(d), judgeValue(c, d)));
                ReviewColumns.DIMENSIONS.forEach(d -> row.put(ReviewColumns.human(d), null));
                row.put(ReviewColumns.NOTES, "");
                writer.write(JSON.writeValueAsString(row));
                writer.write('\n');
            }
        }
    }

    /** Every citation as "[n] source p. N: “quote”" followed by its passage. */
    private static String citationsText(CaseReport c) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (CaseReport.CitationReport cit : c.answer().citations()) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append('[')
                    .append(n++)
                    .append("] ")
                    .append(cit.source())
                    .append(cit.page() > 0 ? " p. " + cit.page() : "")
                    .append(": “")
                    .append(cit.quote())
                    .append("”\n")
                    .append(cit.passage());
        }
        return out.toString();
    }

    private static String judgeScore(CaseReport c, String dimension) {
        Double value = judgeValue(c, dimension);
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static Double judgeValue(CaseReport c, String dimension) {
        if (c.judge() == null) {
            return null;
        }
        return switch (dimension) {
            case "faithfulness" -> c.judge().faithfulness();
            case "relevance" -> c.judge().relevance();
            case "correctness" -> c.judge().correctness();
            default -> throw new IllegalArgumentException("unknown dimension " + dimension);
        };
    }
}
