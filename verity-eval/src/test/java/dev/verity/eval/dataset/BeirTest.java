package dev.verity.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.ingestion.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeDataset() throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Aspirin and headaches", "text": "Aspirin relieves tension headaches."}
                {"_id": "d2", "title": "", "text": "Coffee contains caffeine."}
                {"_id": "a/b", "title": "Slashes", "text": "Ids may hold slashes."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "Does aspirin help headaches?", "metadata": {}}
                {"_id": "q2", "text": "Is there caffeine in coffee?"}
                {"_id": "q3", "text": "A query of another split"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(
                dir.resolve("qrels/train.tsv"), "query-id\tcorpus-id\tscore\nq2\td2\t1\nq1\td1\t2\nq1\td2\t0\n");
    }

    @Test
    void casesAreTheQueriesOfTheChosenSplitWithTheirGradedQrels() {
        Dataset dataset = Beir.read(dir, "train");

        assertThat(dataset.format()).isEqualTo(DatasetFormat.BEIR);
        assertThat(dataset.split()).contains("train");
        assertThat(dataset.answerLabels()).isFalse();
        assertThat(dataset.cases()).extracting(EvalCase::id).containsExactly("q1", "q2"); // queries.jsonl order
        EvalCase q1 = dataset.cases().getFirst();
        assertThat(q1.question()).isEqualTo("Does aspirin help headaches?");
        assertThat(q1.relevance()).isEqualTo(Map.of("d1", 2, "d2", 0));
        assertThat(q1.expectedSources()).containsExactly("d1");
    }

    @Test
    void aMissingSplitNamesTheSplitsThatExist() {
        assertThatThrownBy(() -> Beir.read(dir, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("no qrels for split \"test\": " + dir.resolve("qrels/test.tsv") + " does not exist;"
                        + " splits here: train (choose one with --split)");
    }

    @Test
    void aMalformedQrelsLineNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("qrels/bad.tsv"), "q1\td1\t1\nq2 d2 1\n");
        assertThatThrownBy(() -> Beir.read(dir, "bad"))
                .hasMessage(dir.resolve("qrels/bad.tsv")
                        + ":2: expected 3 tab-separated columns (query-id, corpus-id, score), got 1: \"q2 d2 1\"");
        Files.writeString(dir.resolve("qrels/bad.tsv"), "q1\td1\thigh\n");
        assertThatThrownBy(() -> Beir.read(dir, "bad"))
                .hasMessage(dir.resolve("qrels/bad.tsv") + ":1: the score must be a whole number, got \"high\"");
    }

    @Test
    void qrelsOfAnUnknownQueryAreRefused() throws IOException {
        Files.writeString(dir.resolve("qrels/odd.tsv"), "q9\td1\t1\n");
        assertThatThrownBy(() -> Beir.read(dir, "odd")).hasMessageContaining("query \"q9\" has qrels but is not in");
    }

    @Test
    void eachCorpusRecordBecomesATextFileNamedByItsId() throws IOException {
        Path out = Files.createDirectory(dir.resolve("docs"));
        List<SourceFile> files = BeirCorpus.writeDocuments(dir.resolve("corpus.jsonl"), out);

        assertThat(files).extracting(SourceFile::source).containsExactly("d1", "d2", "a/b");
        assertThat(Files.readString(files.getFirst().path()))
                .isEqualTo("Aspirin and headaches\n=====================\n\nAspirin relieves tension headaches.\n");
        assertThat(Files.readString(files.get(1).path())).isEqualTo("Coffee contains caffeine.\n");
        assertThat(files.get(2).path().getParent()).isEqualTo(out);
    }

    @Test
    void aBadCorpusLineNamesFileAndLine() throws IOException {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.writeString(corpus, "{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"title\": \"no id\"}\n");
        assertThatThrownBy(() -> BeirCorpus.forEach(corpus, r -> {})).hasMessage(corpus + ":2: missing \"_id\"");
    }

    @Test
    void theFormatFollowsTheShapeUnlessGiven() throws IOException {
        assertThat(Datasets.read(dir, Optional.empty(), "train").format()).isEqualTo(DatasetFormat.BEIR);
        assertThatThrownBy(() -> Datasets.read(dir, Optional.of(DatasetFormat.VERITY), "train"))
                .hasMessageContaining("is a folder");
    }
}
