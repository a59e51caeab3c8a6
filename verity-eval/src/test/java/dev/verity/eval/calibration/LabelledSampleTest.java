package dev.verity.eval.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.eval.calibration.LabelledSample.Case;
import dev.verity.eval.calibration.LabelledSample.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledSampleTest {
    private static final String Q1 = "{\"id\": \"q1\", \"question\": \"How long?\", \"answer\": \"21 days.\","
            + " \"contexts\": [\"Refunds within 21 days.\"], \"reference\": \"21 days\","
            + " \"human\": {\"faithful\": 1, \"relevant\": true, \"correct\": null}, \"tags\": [\"ignored\"]}";

    @TempDir
    Path dir;

    @Test
    void readsEachGradedAnswerAndLeavesUngradedDimensionsOut() throws IOException {
        Path file = write(Q1 + "\n\n{\"id\": 2, \"question\": \"Who?\", \"answer\": \"Not said.\", \"abstained\": true,"
                + " \"human\": {\"correct\": 0}}\n");

        List<Case> cases = LabelledSample.read(file);

        assertThat(cases).hasSize(2);
        Case q1 = cases.getFirst();
        assertThat(q1.id()).isEqualTo("q1");
        assertThat(q1.request().contexts()).containsExactly("Refunds within 21 days.");
        assertThat(q1.request().reference()).contains("21 days");
        assertThat(q1.human()).isEqualTo(Map.of(Dimension.FAITHFULNESS, true, Dimension.RELEVANCE, true));
        Case q2 = cases.get(1);
        assertThat(q2.id()).isEqualTo("2");
        assertThat(q2.request().abstained()).isTrue();
        assertThat(q2.request().reference()).isEqualTo(Optional.empty());
        assertThat(q2.human()).isEqualTo(Map.of(Dimension.CORRECTNESS, false));
    }

    @Test
    void dimensionsAreNamedForReportsAndForTheSample() {
        assertThat(Dimension.FAITHFULNESS.label()).isEqualTo("faithfulness");
        assertThat(Dimension.FAITHFULNESS.humanField()).isEqualTo("faithful");
        assertThat(Dimension.CORRECTNESS.humanField()).isEqualTo("correct");
    }

    @Test
    void aGradeOtherThanZeroOrOneIsNamedByLineAndField() throws IOException {
        Path file = write(Q1 + "\n{\"id\": \"q9\", \"question\": \"Q?\", \"answer\": \"A.\","
                + " \"human\": {\"faithful\": 2}}\n");

        assertThatThrownBy(() -> LabelledSample.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 2: human.faithful must be 0 or 1 (or null when not graded), got 2");
    }

    @Test
    void idsMustBeUnique() throws IOException {
        Path file = write(Q1 + "\n" + Q1 + "\n");

        assertThatThrownBy(() -> LabelledSample.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 2: id \"q1\" appears twice; ids must be unique");
    }

    @Test
    void unknownGradesMissingFieldsAndEmptyFilesAreRefused() throws IOException {
        Path unknown = write("{\"id\": \"q\", \"question\": \"Q?\", \"answer\": \"A.\", \"human\": {\"helpful\": 1}}");
        assertThatThrownBy(() -> LabelledSample.read(unknown))
                .hasMessage(unknown + " line 1: human.helpful is not a grade; known: faithful, relevant, correct");

        Path noAnswer = write("{\"id\": \"q\", \"question\": \"Q?\", \"human\": {\"faithful\": 1}}");
        assertThatThrownBy(() -> LabelledSample.read(noAnswer)).hasMessage(noAnswer + " line 1: \"answer\" is missing");

        Path empty = write("\n");
        assertThatThrownBy(() -> LabelledSample.read(empty))
                .hasMessage(empty + " holds no graded answers: write one"
                        + " JSON object per line (see docs/eval-judge.md)");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "sample", ".jsonl"), text);
    }
}
