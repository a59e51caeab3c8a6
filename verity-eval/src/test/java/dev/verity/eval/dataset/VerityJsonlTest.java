package dev.verity.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerityJsonlTest {
    private static final String GOOD = """
            {"id": "q1", "question": "How many days of leave?", "answerable": true, "expected_sources": ["handbook.pdf"], "expected_pages": [2], "must_contain": ["25 days"], "must_not_contain": [], "principals": ["hr"], "reference_answer": "Employees receive 25 days.", "tags": ["pdf", "fact"]}

            {"id": "q2", "question": "Who won the 2018 World Cup?", "answerable": false}
            """;

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfTheGoldenFormatAndSkipsBlankLines() throws IOException {
        Dataset dataset = VerityJsonl.read(write(GOOD));

        assertThat(dataset.format()).isEqualTo(DatasetFormat.VERITY);
        assertThat(dataset.answerLabels()).isTrue();
        assertThat(dataset.cases()).hasSize(2);
        EvalCase q1 = dataset.cases().getFirst();
        assertThat(q1.id()).isEqualTo("q1");
        assertThat(q1.answerable()).isTrue();
        assertThat(q1.expectedSources()).containsExactly("handbook.pdf");
        assertThat(q1.expectedPages()).containsExactly(2);
        assertThat(q1.mustContain()).containsExactly("25 days");
        assertThat(q1.principals()).containsExactly("hr");
        assertThat(q1.referenceAnswer()).isEqualTo("Employees receive 25 days.");
        assertThat(q1.tags()).containsExactly("pdf", "fact");
        assertThat(q1.relevance()).isEqualTo(Map.of("handbook.pdf", 1));
        EvalCase q2 = dataset.cases().get(1);
        assertThat(q2.answerable()).isFalse();
        assertThat(q2.expectedSources()).isEmpty();
        assertThat(q2.referenceAnswer()).isEmpty();
        assertThat(q2.hasRelevantDocuments()).isFalse();
    }

    @Test
    void readsTheShippedGoldenSet() {
        Dataset golden = VerityJsonl.read(Path.of("..", "samples", "golden.jsonl"));
        assertThat(golden.cases()).hasSize(83);
        assertThat(golden.cases().stream().filter(c -> !c.answerable())).hasSize(16);
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path file = write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n{\"id\": \"q2\", \n");
        assertThatThrownBy(() -> VerityJsonl.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ":2: not valid JSON");
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheValue() throws IOException {
        Path file = write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": \"yes\"}\n");
        assertThatThrownBy(() -> VerityJsonl.read(file))
                .hasMessage(file + ":1: \"answerable\" must be true or false, got \"yes\"");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheKnownOnes() throws IOException {
        Path file =
                write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true, \"expected_source\": [\"a\"]}\n");
        assertThatThrownBy(() -> VerityJsonl.read(file))
                .hasMessage(file + ":1: unknown field \"expected_source\";"
                        + " the fields are id, question, answerable, expected_sources, expected_pages, must_contain,"
                        + " must_not_contain, principals, reference_answer, tags");
    }

    @Test
    void missingRequiredFieldsDuplicateIdsAndBadPagesAreRefused() throws IOException {
        Path noQuestion = write("{\"id\": \"q1\", \"answerable\": true}\n");
        assertThatThrownBy(() -> VerityJsonl.read(noQuestion)).hasMessage(noQuestion + ":1: missing \"question\"");

        Path duplicate = write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n"
                + "{\"id\": \"q1\", \"question\": \"y\", \"answerable\": true}\n");
        assertThatThrownBy(() -> VerityJsonl.read(duplicate))
                .hasMessage(duplicate + ":2: duplicate id \"q1\" (first on line 1)");

        Path page =
                write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true, \"expected_sources\": [\"a.pdf\"],"
                        + " \"expected_pages\": [0]}\n");
        assertThatThrownBy(() -> VerityJsonl.read(page))
                .hasMessage(page + ":1: \"expected_pages\" must hold whole numbers from 1, got \"0\"");
    }

    @Test
    void anUnanswerableCaseCannotExpectSources() throws IOException {
        Path file =
                write("{\"id\": \"q1\", \"question\": \"x\", \"answerable\": false, \"expected_sources\": [\"a\"]}\n");
        assertThatThrownBy(() -> VerityJsonl.read(file))
                .hasMessageStartingWith(file + ":1: an unanswerable case has" + " no expected sources");
    }

    @Test
    void anEmptyFileIsNoDataset() throws IOException {
        Path file = write("\n\n");
        assertThatThrownBy(() -> VerityJsonl.read(file)).hasMessageContaining("no cases");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "set", ".jsonl");
        Files.writeString(file, text);
        return file;
    }
}
