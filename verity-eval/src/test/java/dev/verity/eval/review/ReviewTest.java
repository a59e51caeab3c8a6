package dev.verity.eval.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.eval.World;
import dev.verity.eval.dataset.DatasetException;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.Report;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.RunDetail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewTest {
    @TempDir
    Path dir;

    @Test
    void aSampleIsSeededAndHoldsOnlyAnsweredCases() {
        Report report = World.report(false, true);
        List<CaseReport> a = ReviewSample.draw(report, 3, 5);
        assertThat(ReviewSample.draw(report, 3, 5)).isEqualTo(a);
        assertThat(a).hasSize(3);
        assertThat(ReviewSample.draw(report, 50, 5)).hasSize(4);
    }

    @Test
    void gradesFilledIntoTheCsvSampleAreReadBackWithJudgeAgreement() throws IOException {
        Report report = World.report(false, true);
        Path csv = dir.resolve("review.csv");
        ReviewSample.write(ReviewSample.draw(report, 4, 1), csv);
        String written = Files.readString(csv);
        assertThat(written)
                .startsWith(
                        "id,question,answer,abstained,citations,reference_answer,judge_faithfulness,"
                                + "judge_relevance,judge_correctness,human_faithfulness,human_relevance,human_correctness,human_notes");
        assertThat(written)
                .contains("[1] handbook.pdf p. 2: “Employees receive 25 days of paid leave.”\n"
                        + "Employees receive 25 days of paid leave. Meals cost EUR 65 a day.");

        // a reviewer grades q1 (faithful, relevant) and q4 (unfaithful, relevant), as the judge would have said
        // partly: judge q1 0.9/0.8, q4 0.5/0.5 → binarised pass/pass, pass/pass
        grade(csv, Map.of("q1", List.of("yes", "1"), "q4", List.of("no", "0.9")));

        Grades grades = Grades.read(csv);
        assertThat(grades.graded()).isEqualTo(2);
        Grades.Dimension faithfulness = grades.summary().getFirst();
        assertThat(faithfulness.name()).isEqualTo("faithfulness");
        assertThat(faithfulness.graded()).isEqualTo(2);
        assertThat(faithfulness.humanMean()).isEqualTo(0.5);
        // judge pass, pass; human pass, fail → agree on 1 of 2
        assertThat(faithfulness.agreement().observed().getAsDouble()).isEqualTo(0.5);
        Grades.Dimension relevance = grades.summary().get(1);
        assertThat(relevance.humanMean()).isCloseTo(0.95, within(1e-12));
        assertThat(relevance.agreement().observed().getAsDouble()).isEqualTo(1.0);
        assertThat(grades.describe()).contains("2 of 4 answers graded").contains("faithfulness");
    }

    @Test
    void productionRunsAreSampledSeededIntoTheSheetGradesReads() throws IOException {
        List<AnswerRun> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(new AnswerRun(
                            "run" + i,
                            Instant.parse("2026-12-08T00:00:00Z").plusSeconds(i),
                            "default",
                            "handbook",
                            List.of(),
                            "How many leave days does [email] get? " + i,
                            "25 days.",
                            false,
                            false,
                            "llm",
                            Optional.of("gpt-x"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            List.of(new AnswerRun.Cited("doc_1", "doc_1-v1-0003")),
                            10,
                            2,
                            0.001,
                            Map.of("total", 800L))
                    .with("key:ana", "answered", RunDetail.NONE));
        }
        Path csv = dir.resolve("runs.csv");

        List<CaseReport> sample = ReviewSample.drawRuns(runs, 3, 7);
        ReviewSample.write(sample, csv);
        grade(csv, Map.of(sample.getFirst().id(), List.of("yes", "1")));

        assertThat(ReviewSample.drawRuns(runs, 3, 7)).isEqualTo(sample);
        assertThat(sample).extracting(CaseReport::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("run"));
        assertThat(sample.getFirst().tags()).containsExactly("run", "answered");
        assertThat(Files.readString(csv)).contains("How many leave days does [email] get?");
        assertThat(Grades.read(csv).graded()).isEqualTo(1);
        assertThatThrownBy(() -> ReviewSample.drawRuns(List.of(), 3, 7)).hasMessageStartingWith("no runs to sample");
    }

    /** Fills in human_faithfulness and human_relevance as a reviewer would in a spreadsheet. */
    private static void grade(Path csv, Map<String, List<String>> grades) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(csv))) {
            header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                List<String> row = new ArrayList<>(record.toList());
                List<String> given = grades.get(record.get("id"));
                if (given != null) {
                    row.set(header.indexOf("human_faithfulness"), given.get(0));
                    row.set(header.indexOf("human_relevance"), given.get(1));
                }
                rows.add(row);
            }
        }
        try (CSVPrinter printer = new CSVPrinter(
                Files.newBufferedWriter(csv),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
    }

    @Test
    void aBadGradeNamesFileLineAndColumn() throws IOException {
        Path jsonl = dir.resolve("review.jsonl");
        ReviewSample.write(ReviewSample.draw(World.report(false, false), 2, 1), jsonl);
        List<String> lines = Files.readAllLines(jsonl);
        Files.writeString(
                jsonl,
                lines.get(0) + "\n" + lines.get(1).replace("\"human_relevance\":null", "\"human_relevance\":\"7\"")
                        + "\n");
        assertThatThrownBy(() -> Grades.read(jsonl))
                .isInstanceOf(DatasetException.class)
                .hasMessage(jsonl + ":2: human_relevance must be a number in [0, 1] or yes/no, got \"7\"");
    }

    @Test
    void aRunWithoutAnswersHasNothingToSample() {
        Report report = World.report(false, false);
        Report retrievalOnly = new Report(
                report.run(),
                report.retrieval(),
                java.util.Map.of(),
                null,
                java.util.Map.of(),
                report.cases().stream()
                        .map(c -> new CaseReport(
                                c.id(),
                                c.question(),
                                c.answerable(),
                                c.tags(),
                                c.expectedSources(),
                                c.expectedPages(),
                                c.referenceAnswer(),
                                c.retrieval(),
                                null,
                                null,
                                c.metrics(),
                                null))
                        .toList());
        assertThatThrownBy(() -> ReviewSample.draw(retrievalOnly, 5, 1)).hasMessageContaining("no answers to grade");
    }
}
