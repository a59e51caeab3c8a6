package dev.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.guardrails.ChunkGuard;
import dev.verity.index.InMemoryIndex;
import dev.verity.index.IndexedChunk;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.chunking.ChunkingSettings;
import dev.verity.ingestion.chunking.StructureAwareChunker;
import dev.verity.testing.MemoryDocumentStore;
import dev.verity.testing.MemoryEmbeddingCache;
import dev.verity.testing.WordVectors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deferring pipeline writes chunks before their vectors; the backfill embeds them behind, in bulk. */
class VectorBackfillTest {
    private static final Path FILE = Path.of("unused-by-the-fake-parser");
    private static final IngestOptions HR = IngestOptions.into("hr");
    private static final SearchFilter IN_HR = SearchFilter.collection("hr");

    private InMemoryIndex index = new InMemoryIndex();
    private final MemoryDocumentStore store = new MemoryDocumentStore();
    private final WordVectors model = new WordVectors();
    private final MemoryEmbeddingCache cache = new MemoryEmbeddingCache();
    private final List<Set<String>> completed = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeIndex() {
        index.close();
    }

    private static ParsedDocument handbook(String... paragraphs) {
        DocumentBuilder builder = new DocumentBuilder("Handbook", "text/plain", DocumentKind.PROSE).heading(1, "Leave");
        for (String p : paragraphs) {
            builder.paragraph(p);
        }
        return builder.build();
    }

    /** A deferring pipeline whose chunks hold one paragraph each (the chunker's smallest budget). */
    private IngestionPipeline deferring(ParsedDocument document) {
        return new IngestionPipeline(
                        (file, name) -> document,
                        text -> "en",
                        new StructureAwareChunker(
                                model.tokenCounter(), new ChunkingSettings(ChunkingSettings.MIN_MAX_TOKENS)),
                        ChunkGuard.none(),
                        new CachingEmbedder(model, cache),
                        index,
                        store,
                        Clock.systemUTC())
                .deferringEmbedding();
    }

    private VectorBackfill backfill(EmbeddingModel embeddings, int batchSize) {
        return new VectorBackfill(
                index, new CachingEmbedder(embeddings, cache), batchSize, completed::add, logged::add);
    }

    private void ingest(String source, ParsedDocument document) {
        IngestionPipeline.Outcome outcome = deferring(document).process(FILE, source, "1".repeat(64), 10, HR);
        assertThat(outcome.result().status()).isEqualTo(IngestStatus.INDEXED);
        outcome.record().ifPresent(store::upsert);
        index.commit();
    }

    private List<String> byMeaning(String query) {
        return index.vectorSearch(model.embedQuery(query), IN_HR, 10).stream()
                .map(h -> h.chunk().text())
                .toList();
    }

    @Test
    void aDeferringPipelineMakesAFileKeywordSearchableWithoutCallingTheModel() {
        ingest("handbook.txt", handbook("Staff get 25 days of paid leave."));

        assertThat(model.passagesEmbedded()).isZero();
        assertThat(index.keywordSearch("paid leave", IN_HR, 5)).hasSize(1);
        assertThat(byMeaning("paid leave")).isEmpty();
        assertThat(index.awaitingVectorCount()).isEqualTo(1);
    }

    @Test
    void aRoundEmbeddedInParallelSlicesGivesEveryChunkItsOwnVector() {
        for (int i = 0; i < 8; i++) {
            ingest("rule-" + i + ".txt", handbook("Rule " + i + " covers topic number " + i + " of the handbook."));
        }
        VectorBackfill backfill =
                new VectorBackfill(index, new CachingEmbedder(model, cache), 64, 3, completed::add, logged::add);

        try {
            assertThat(backfill.runOnce()).isEqualTo(8);
        } finally {
            backfill.close();
        }

        assertThat(index.awaitingVectorCount()).isZero();
        for (int i = 0; i < 8; i++) {
            assertThat(index.chunks(DocumentIds.documentId("hr", "rule-" + i + ".txt")))
                    .singleElement()
                    .satisfies(c -> assertThat(c.vector())
                            .containsExactly(WordVectors.embed(c.chunk().searchText())));
        }
        assertThat(completed).singleElement().satisfies(done -> assertThat(done).hasSize(8));
    }

    @Test
    void roundsEmbedTheBacklogAcrossFilesInBatchesAndNameTheDocumentsCompleted() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave."));
        ingest("b.txt", handbook("Sick leave is unlimited."));
        VectorBackfill backfill = backfill(model, 1);

        assertThat(backfill.runOnce()).isEqualTo(1);
        assertThat(backfill.backlog()).isEqualTo(1);
        assertThat(backfill.runOnce()).isEqualTo(1);
        assertThat(backfill.runOnce()).isZero();

        assertThat(completed)
                .containsExactly(
                        Set.of(DocumentIds.documentId("hr", "a.txt")), Set.of(DocumentIds.documentId("hr", "b.txt")));
        assertThat(byMeaning("sick leave")).contains("Sick leave is unlimited.");
        assertThat(model.passagesEmbedded()).isEqualTo(2);
        assertThat(index.chunks(DocumentIds.documentId("hr", "a.txt"))
                        .getFirst()
                        .vector())
                .containsExactly(WordVectors.embed("Handbook > Leave\nStaff get 25 days of paid leave."));
    }

    @Test
    void aDocumentIsCompletedOnlyWhenItsLastChunkHasItsVector() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave.", "x ".repeat(400) + "end."));
        long chunks = index.awaitingVectorCount();
        assertThat(chunks).isGreaterThan(1);
        VectorBackfill backfill = backfill(model, 1);

        backfill.runOnce();
        assertThat(completed).isEmpty();
        while (backfill.runOnce() > 0) {
            // drain
        }
        assertThat(completed).containsExactly(Set.of(DocumentIds.documentId("hr", "a.txt")));
    }

    @Test
    void passagesWhoseVectorsAreCachedAreVectorSearchableAtOnce() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave."));
        backfill(model, 10).runOnce();
        int embedded = model.passagesEmbedded();

        ingest("copy.txt", handbook("Staff get 25 days of paid leave."));

        assertThat(index.awaitingVectorCount()).isZero();
        assertThat(byMeaning("paid leave")).hasSize(2);
        assertThat(model.passagesEmbedded()).isEqualTo(embedded);
    }

    @Test
    void aBacklogLeftByACrashIsFoundAgainAndEmbeddedAfterARestart() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave."));
        InMemoryIndex crashed = index;
        index = crashed.reopen(); // as of the last commit: the chunk is there, without its vector
        crashed.close();

        backfill(model, 10).runOnce();

        assertThat(byMeaning("paid leave")).containsExactly("Staff get 25 days of paid leave.");
        assertThat(index.reopen().awaitingVectorCount())
                .as("the vectors were committed")
                .isZero();
    }

    @Test
    void inTheBackgroundItDrainsTheBacklogWhileTheCallerWaits() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave."));
        ingest("b.txt", handbook("Sick leave is unlimited."));
        List<Long> progress = new ArrayList<>();
        try (VectorBackfill backfill = backfill(model, 1)) {
            backfill.start();
            assertThat(backfill.awaitDrained(progress::add, 3)).isTrue();
        }
        assertThat(index.awaitingVectorCount()).isZero();
        assertThat(byMeaning("sick leave")).contains("Sick leave is unlimited.");
    }

    @Test
    void waitingGivesUpWithTheModelsFailureWhenEveryRoundFails() {
        ingest("a.txt", handbook("Staff get 25 days of paid leave."));
        EmbeddingModel down = new EmbeddingModel() {
            @Override
            public String id() {
                return model.id();
            }

            @Override
            public int dimension() {
                return WordVectors.DIMENSION;
            }

            @Override
            public TokenCounter tokenCounter() {
                return model.tokenCounter();
            }

            @Override
            public float[] embedQuery(String query) {
                throw new IllegalStateException("the model is down");
            }

            @Override
            public List<float[]> embedPassages(List<String> passages) {
                throw new IllegalStateException("the model is down");
            }
        };
        try (VectorBackfill backfill = backfill(down, 10)) {
            backfill.start();
            assertThat(backfill.awaitDrained(behind -> {}, 2)).isFalse();
            assertThat(backfill.failure()).contains("the model is down");
        }
        assertThat(logged)
                .containsExactly("cannot embed chunks awaiting their vectors (they stay keyword-searchable; retrying):"
                        + " the model is down");
        assertThat(index.keywordSearch("paid leave", IN_HR, 5)).hasSize(1);
        assertThat(index.awaitingVectors(10)).noneMatch(IndexedChunk::hasVector);
    }
}
