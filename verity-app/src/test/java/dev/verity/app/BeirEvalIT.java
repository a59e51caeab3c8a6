package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code verity eval} on a small BEIR-format set: the corpus is ingested through the normal pipeline, each record
 * named by its {@code _id}, so hits map back to the qrels; only retrieval is scored.
 */
class BeirEvalIT {
    @TempDir
    Path dir;

    @Test
    void ingestsTheCorpusUnderItsIdsAndScoresEachModeAgainstTheQrels() throws IOException {
        Path beir = Files.createDirectories(dir.resolve("tiny-beir"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d-aspirin", "title": "Aspirin and tension headaches", "text": "In a randomised trial, aspirin relieved tension headaches within two hours in most patients."}
                {"_id": "d/coffee", "title": "Caffeine content of brewed coffee", "text": "A cup of brewed coffee holds about 95 milligrams of caffeine."}
                {"_id": "12345", "title": "Sea ice decline", "text": "Arctic sea ice extent in September has fallen by about thirteen percent per decade."}
                {"_id": "d-sleep", "title": "Sleep and memory", "text": "Deep sleep consolidates declarative memory in adults."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "Does aspirin relieve tension headaches?"}
                {"_id": "q2", "text": "How much caffeine is in a cup of coffee?"}
                {"_id": "q3", "text": "How fast is Arctic sea ice declining?"}
                {"_id": "q4", "text": "A query judged only in another split"}
                """);
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(
                beir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\td-aspirin\t1\nq2\td/coffee\t2\nq3\t12345\t1\n");
        Files.writeString(beir.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\nq4\td-sleep\t1\n");

        Path out = dir.resolve("out");
        Cli.Result result = Cli.run(
                "eval", "--dataset", beir.toString(), "--corpus", beir.toString(), "--out", out.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = result.json();
        assertThat(summary.path("run").path("format").asString()).isEqualTo("beir");
        assertThat(summary.path("run").path("split").asString()).isEqualTo("test");
        assertThat(summary.path("run").path("cases").asInt()).isEqualTo(3);
        assertThat(summary.path("run").path("ingest").path("documents").asInt()).isEqualTo(4);
        for (String mode : new String[] {"bm25", "vector", "hybrid"}) {
            assertThat(summary.path("retrieval").path(mode).path("ndcg@10").asDouble())
                    .as(mode)
                    .isEqualTo(1.0);
            assertThat(summary.path("retrieval").path(mode).path("queries").asInt())
                    .as(mode)
                    .isEqualTo(3);
        }
        assertThat(summary.path("answers").isEmpty())
                .as("BEIR labels no answers")
                .isTrue();
        JsonNode report = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Files.readString(out.resolve("report.json")));
        assertThat(report.path("cases")
                        .get(1)
                        .path("retrieval")
                        .path("hybrid")
                        .path("documents")
                        .get(0)
                        .path("source")
                        .asString())
                .isEqualTo("d/coffee");
        assertThat(report.path("cases")
                        .get(1)
                        .path("retrieval")
                        .path("hybrid")
                        .path("documents")
                        .get(0)
                        .path("grade")
                        .asInt())
                .isEqualTo(2);
    }
}
