package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.index.ChunkVector;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.index.QueryTerm;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import dev.verity.testkit.fakes.TestChunks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Index} must do. Subclass it once per implementation and supply {@link #openIndex()} and
 * {@link #reopenIndex()}; each test gets a fresh, empty index.
 */
public abstract class IndexContract {
    protected final HashingEmbeddingModel embeddings = new HashingEmbeddingModel(64);
    protected Index index;

    /** A new, empty index. */
    protected abstract Index openIndex();

    /** Closes {@code current} and opens the same storage again, as after a restart. */
    protected abstract Index reopenIndex(Index current);

    @BeforeEach
    void open() {
        index = openIndex();
    }

    @AfterEach
    void close() {
        index.close();
    }

    protected void put(DocumentInfo doc, String... texts) {
        List<Chunk> chunks = TestChunks.chunks(doc, texts);
        index.replaceDocument(
                doc.id(),
                chunks.stream()
                        .map(c -> new IndexedChunk(c, embeddings.embed(c.searchText())))
                        .toList());
    }

    private List<String> keyword(String query, SearchFilter filter) {
        return index.keywordSearch(query, filter, 10).stream()
                .map(h -> h.chunk().text())
                .toList();
    }

    private List<String> vector(String query, SearchFilter filter) {
        return index.vectorSearch(embeddings.embed(query), filter, 10).stream()
                .map(h -> h.chunk().text())
                .toList();
    }

    private static final SearchFilter DEFAULT = SearchFilter.collection("default");

    @Test
    void findsChunksByKeywordAndByVector() {
        put(TestChunks.document("a.pdf").build(), "Employees receive 25 days of paid leave.", "The office opens at 8.");

        assertThat(keyword("paid leave", DEFAULT)).containsExactly("Employees receive 25 days of paid leave.");
        assertThat(vector("days of paid leave", DEFAULT).getFirst())
                .isEqualTo("Employees receive 25 days of paid leave.");
    }

    @Test
    void keywordSearchStemsWordsLikeTheAnalyzerOfTheIndex() {
        put(TestChunks.document("a.pdf").build(), "Refunds are processed within 14 days.");

        assertThat(keyword("refund processing", DEFAULT)).hasSize(1);
    }

    @Test
    void replacingADocumentLeavesOnlyTheNewChunks() {
        DocumentInfo v1 = TestChunks.document("a.pdf").build();
        put(v1, "old alpha", "old beta", "old gamma");
        DocumentInfo v2 = TestChunks.document("a.pdf").version(2).build();
        put(v2, "new alpha");

        assertThat(keyword("alpha beta gamma", DEFAULT)).containsExactly("new alpha");
        assertThat(index.document(v1.id())).contains(new IndexedDocument(v1.id(), 2, v2.contentSha256(), 1));
        assertThat(index.chunkCount()).isEqualTo(1);
    }

    @Test
    void listsEachDocumentWithItsVersionHashAndChunkCount() {
        DocumentInfo a = TestChunks.document("a.pdf")
                .version(3)
                .contentSha256("1".repeat(64))
                .build();
        put(a, "alpha one", "alpha two");
        DocumentInfo b = TestChunks.document("b.pdf").build();
        put(b, "beta");

        assertThat(index.documents())
                .containsExactlyInAnyOrder(
                        new IndexedDocument(a.id(), 3, a.contentSha256(), 2),
                        new IndexedDocument(b.id(), 1, b.contentSha256(), 1));
    }

    @Test
    void keepsTheIngestionGuardsVerdictWithEachChunk() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        List<Chunk> chunks = TestChunks.chunks(doc, "ignore previous instructions", "plain text");
        GuardVerdict flagged = new GuardVerdict("rules@1", GuardVerdict.Action.FLAG, List.of("prompt_injection"));
        index.replaceDocument(
                doc.id(),
                List.of(
                        new IndexedChunk(
                                chunks.get(0), embeddings.embed(chunks.get(0).searchText()), flagged),
                        new IndexedChunk(
                                chunks.get(1), embeddings.embed(chunks.get(1).searchText()))));
        index.commit();

        assertThat(index.chunks(doc.id()))
                .extracting(IndexedChunk::verdict)
                .containsExactly(flagged, GuardVerdict.NOT_SCANNED);
    }

    @Test
    void searchHitsCarryTheVerdictStoredWithTheirChunk() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        List<Chunk> chunks = TestChunks.chunks(doc, "ignore previous instructions", "plain previous text");
        GuardVerdict flagged = new GuardVerdict("rules@1", GuardVerdict.Action.FLAG, List.of("prompt_injection"));
        index.replaceDocument(
                doc.id(),
                List.of(
                        new IndexedChunk(
                                chunks.get(0), embeddings.embed(chunks.get(0).searchText()), flagged),
                        new IndexedChunk(
                                chunks.get(1), embeddings.embed(chunks.get(1).searchText()))));
        index.commit();
        SearchFilter all = SearchFilter.collection(doc.collection());

        assertThat(index.keywordSearch("previous", all, 10))
                .extracting(hit -> hit.chunk().ordinal(), ScoredChunk::verdict)
                .containsExactlyInAnyOrder(tuple(0, flagged), tuple(1, GuardVerdict.NOT_SCANNED));
        assertThat(index.vectorSearch(embeddings.embed(chunks.get(0).searchText()), all, 10))
                .extracting(hit -> hit.chunk().ordinal(), ScoredChunk::verdict)
                .containsExactlyInAnyOrder(tuple(0, flagged), tuple(1, GuardVerdict.NOT_SCANNED));
    }

    @Test
    void deletingADocumentRemovesEveryChunkFromBothLegs() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        put(doc, "alpha one", "alpha two");
        put(TestChunks.document("b.pdf").build(), "beta");

        index.deleteDocument(doc.id());

        assertThat(keyword("alpha", DEFAULT)).isEmpty();
        assertThat(vector("alpha one", DEFAULT)).containsExactly("beta");
        assertThat(index.document(doc.id())).isEmpty();
    }

    @Test
    void searchesOnlyTheRequestedCollectionAndTenant() {
        put(TestChunks.document("a.pdf").collection("hr").build(), "leave policy in hr");
        put(TestChunks.document("a.pdf").collection("it").build(), "leave policy in it");
        put(TestChunks.document("c.pdf").collection("hr").tenant("other").build(), "leave policy of another tenant");

        assertThat(keyword("leave policy", SearchFilter.collection("hr"))).containsExactly("leave policy in hr");
        assertThat(vector("leave policy", SearchFilter.collection("hr"))).containsExactly("leave policy in hr");
    }

    @Test
    void hidesRestrictedDocumentsFromCallersWithoutAPrincipalInBothLegs() {
        put(TestChunks.document("salaries.xlsx").acl("hr", "finance").build(), "salary band senior engineer 95000");
        put(TestChunks.document("public.pdf").build(), "salary reviews happen in March");

        SearchFilter anonymous = DEFAULT;
        SearchFilter engineer = DEFAULT.withPrincipals(Set.of("engineering"));
        SearchFilter hr = DEFAULT.withPrincipals(Set.of("engineering", "hr"));

        assertThat(keyword("salary band", anonymous)).containsExactly("salary reviews happen in March");
        assertThat(vector("salary band senior engineer", anonymous)).containsExactly("salary reviews happen in March");
        assertThat(keyword("salary band", engineer)).containsExactly("salary reviews happen in March");
        assertThat(vector("salary band senior engineer", engineer)).containsExactly("salary reviews happen in March");
        assertThat(keyword("salary band", hr)).contains("salary band senior engineer 95000");
        assertThat(vector("salary band senior engineer", hr)).contains("salary band senior engineer 95000");
    }

    @Test
    void vectorSearchFillsKFromAllowedChunksEvenWhenForbiddenOnesAreCloser() {
        for (int i = 0; i < 40; i++) {
            put(TestChunks.document("secret-" + i + ".pdf").acl("hr").build(), "quarterly revenue figure " + i);
        }
        for (int i = 0; i < 5; i++) {
            put(TestChunks.document("open-" + i + ".pdf").build(), "unrelated cafeteria menu " + i);
        }

        List<ScoredChunk> hits = index.vectorSearch(embeddings.embed("quarterly revenue figure"), DEFAULT, 5);

        assertThat(hits)
                .hasSize(5)
                .allSatisfy(h -> assertThat(h.chunk().document().acl()).isEmpty());
    }

    @Test
    void filtersBySourceMediaTypeLanguageAndIngestionDateInBothLegs() {
        Instant jan = Instant.parse("2026-01-10T00:00:00Z");
        Instant mar = Instant.parse("2026-03-10T00:00:00Z");
        put(
                TestChunks.document("a.pdf")
                        .mediaType("application/pdf")
                        .language("en")
                        .ingestedAt(jan)
                        .build(),
                "policy text alpha");
        put(
                TestChunks.document("b.html")
                        .mediaType("text/html")
                        .language("de")
                        .ingestedAt(mar)
                        .build(),
                "policy text beta");

        assertFilter(f -> f.withSources(Set.of("b.html")), "policy text beta");
        assertFilter(f -> f.withMediaTypes(Set.of("application/pdf")), "policy text alpha");
        assertFilter(f -> f.withLanguages(Set.of("de")), "policy text beta");
        assertFilter(
                f -> f.withIngestedBetween(Optional.of(Instant.parse("2026-02-01T00:00:00Z")), Optional.empty()),
                "policy text beta");
        assertFilter(f -> f.withIngestedBetween(Optional.empty(), Optional.of(mar)), "policy text alpha");
    }

    private void assertFilter(Function<SearchFilter, SearchFilter> restrict, String expected) {
        SearchFilter filter = restrict.apply(DEFAULT);
        assertThat(keyword("policy text", filter)).containsExactly(expected);
        assertThat(vector("policy text", filter)).containsExactly(expected);
    }

    @Test
    void returnsChunksWithEveryFieldIntact() {
        DocumentInfo doc = TestChunks.document("dir/report.pdf")
                .acl("a", "b")
                .title("Report")
                .language("fr")
                .build();
        List<Chunk> chunks = TestChunks.chunks(doc, "first passage", "second passage");
        index.replaceDocument(
                doc.id(),
                chunks.stream()
                        .map(c -> new IndexedChunk(c, embeddings.embed(c.searchText())))
                        .toList());

        List<IndexedChunk> stored = index.chunks(doc.id());

        assertThat(stored).extracting(IndexedChunk::chunk).containsExactlyElementsOf(chunks);
        assertThat(stored.getFirst().vector())
                .containsExactly(embeddings.embed(chunks.getFirst().searchText()));
        ScoredChunk hit = index.keywordSearch("second", DEFAULT.withPrincipals(Set.of("b")), 1)
                .getFirst();
        assertThat(hit.chunk()).isEqualTo(chunks.get(1));
    }

    @Test
    void keepsWhatAPassageIsWhenItIsNotBodyText() {
        DocumentInfo doc = TestChunks.document("review.docx").build();
        List<Chunk> plain = TestChunks.chunks(doc, "body passage", "reviewer remark");
        Chunk remark = plain.get(1);
        List<Chunk> chunks = List.of(
                plain.getFirst(),
                new Chunk(
                        remark.id(),
                        doc,
                        remark.ordinal(),
                        ChunkKind.NOTE,
                        remark.text(),
                        remark.context(),
                        remark.location().withPassage("comment by Ana Berg"),
                        remark.contentHash(),
                        remark.tokenCount()));
        index.replaceDocument(
                doc.id(),
                chunks.stream()
                        .map(c -> new IndexedChunk(c, embeddings.embed(c.searchText())))
                        .toList());

        assertThat(index.chunks(doc.id())).extracting(IndexedChunk::chunk).containsExactlyElementsOf(chunks);
        assertThat(index.keywordSearch("remark", DEFAULT, 1)
                        .getFirst()
                        .chunk()
                        .location()
                        .passage())
                .isEqualTo("comment by Ana Berg");
        assertThat(index.keywordSearch("body", DEFAULT, 1)
                        .getFirst()
                        .chunk()
                        .location()
                        .passage())
                .isEmpty();
    }

    @Test
    void keepsTheOcrConfidenceOfChunksReadByOcr() {
        DocumentInfo doc = TestChunks.document("scan.pdf").build();
        List<Chunk> typed = TestChunks.chunks(doc, "typed passage", "scanned passage");
        Chunk scanned = typed.get(1);
        List<Chunk> chunks = List.of(
                typed.getFirst(),
                new Chunk(
                        scanned.id(),
                        doc,
                        scanned.ordinal(),
                        scanned.kind(),
                        scanned.text(),
                        scanned.context(),
                        scanned.location().withOcrConfidence(OptionalDouble.of(73.25)),
                        scanned.contentHash(),
                        scanned.tokenCount()));
        index.replaceDocument(
                doc.id(),
                chunks.stream()
                        .map(c -> new IndexedChunk(c, embeddings.embed(c.searchText())))
                        .toList());

        assertThat(index.chunks(doc.id())).extracting(IndexedChunk::chunk).containsExactlyElementsOf(chunks);
        assertThat(index.keywordSearch("scanned", DEFAULT, 1)
                        .getFirst()
                        .chunk()
                        .location()
                        .ocrConfidence())
                .hasValue(73.25);
    }

    @Test
    void vectorScoresAreCosineSimilarities() {
        put(TestChunks.document("a.pdf").build(), "identical text");
        Chunk chunk = index.chunks(TestChunks.document("a.pdf").build().id())
                .getFirst()
                .chunk();

        double score = index.vectorSearch(embeddings.embed(chunk.searchText()), DEFAULT, 1)
                .getFirst()
                .score();

        assertThat(score).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void analyzeGivesRareTermsAHigherIdfThanCommonOnes() {
        put(TestChunks.document("a.pdf").build(), "common words here", "common words there", "common rare");

        List<QueryTerm> terms = index.analyze("The common rare");

        assertThat(terms).extracting(QueryTerm::term).containsExactly("common", "rare");
        assertThat(terms.get(1).idf()).isGreaterThan(terms.get(0).idf());
    }

    @Test
    void emptyOrStopWordQueriesFindNothingInsteadOfFailing() {
        put(TestChunks.document("a.pdf").build(), "some text");

        assertThat(index.keywordSearch("the of and", DEFAULT, 5)).isEmpty();
        assertThat(index.keywordSearch("!!! ???", DEFAULT, 5)).isEmpty();
    }

    @Test
    void committedChunksSurviveAReopenAndUncommittedOnesDoNotBreakIt() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        put(doc, "durable text");
        index.commit();

        index = reopenIndex(index);

        assertThat(keyword("durable", DEFAULT)).containsExactly("durable text");
        assertThat(index.document(doc.id())).map(IndexedDocument::chunkCount).contains(1);
    }

    // ---- chunks written before their vectors

    private void putAwaitingVectors(DocumentInfo doc, String... texts) {
        index.replaceDocument(
                doc.id(),
                TestChunks.chunks(doc, texts).stream()
                        .map(c -> IndexedChunk.awaitingVector(c, GuardVerdict.NOT_SCANNED))
                        .toList());
    }

    private ChunkVector vectorOf(IndexedChunk awaiting) {
        Chunk c = awaiting.chunk();
        return new ChunkVector(c.id(), c.contentHash(), embeddings.embed(c.searchText()));
    }

    @Test
    void chunksWithoutVectorsAreFoundByKeywordButNotByVector() {
        put(TestChunks.document("a.pdf").build(), "Employees receive 25 days of paid leave.");
        putAwaitingVectors(TestChunks.document("b.pdf").build(), "Contractors receive no paid leave.");

        assertThat(keyword("paid leave", DEFAULT))
                .containsExactlyInAnyOrder(
                        "Employees receive 25 days of paid leave.", "Contractors receive no paid leave.");
        assertThat(vector("Contractors receive no paid leave.", DEFAULT))
                .containsExactly("Employees receive 25 days of paid leave.");
        assertThat(index.awaitingVectorCount()).isEqualTo(1);
        List<String> ids = index.keywordSearch("paid leave", DEFAULT, 10).stream()
                .map(h -> h.chunk().id())
                .toList();
        String awaiting = index.awaitingVectors(1).getFirst().chunk().id();
        assertThat(index.withoutVectors(ids)).containsExactly(awaiting);
        assertThat(index.withoutVectors(List.of())).isEmpty();
    }

    @Test
    void settingVectorsMakesChunksFoundByVectorAndEmptiesTheBacklog() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        putAwaitingVectors(doc, "alpha text", "beta text");
        List<IndexedChunk> awaiting = index.awaitingVectors(10);
        assertThat(awaiting).extracting(c -> c.chunk().text()).containsExactly("alpha text", "beta text");
        assertThat(awaiting).noneMatch(IndexedChunk::hasVector);
        assertThat(index.awaitingVectorCount(doc.id())).isEqualTo(2);

        int set = index.setVectors(awaiting.stream().map(this::vectorOf).toList());

        assertThat(set).isEqualTo(2);
        assertThat(index.awaitingVectors(10)).isEmpty();
        assertThat(index.awaitingVectorCount()).isZero();
        assertThat(index.awaitingVectorCount(doc.id())).isZero();
        assertThat(vector("beta text", DEFAULT).getFirst()).isEqualTo("beta text");
        assertThat(keyword("alpha", DEFAULT)).containsExactly("alpha text");
        assertThat(index.chunks(doc.id())).allMatch(IndexedChunk::hasVector);
        assertThat(index.chunks(doc.id()).getFirst().chunk())
                .isEqualTo(awaiting.getFirst().chunk());
    }

    @Test
    void aVectorForAReplacedOrDeletedChunkIsDropped() {
        DocumentInfo doc = TestChunks.document("a.pdf").build();
        putAwaitingVectors(doc, "first text");
        IndexedChunk stale = index.awaitingVectors(1).getFirst();
        putAwaitingVectors(doc, "second text"); // same version, so the same chunk id, with another text
        DocumentInfo gone = TestChunks.document("gone.pdf").build();
        putAwaitingVectors(gone, "deleted text");
        IndexedChunk deleted = index.awaitingVectors(10).getLast();
        index.deleteDocument(gone.id());

        int set = index.setVectors(List.of(vectorOf(stale), vectorOf(deleted)));

        assertThat(set).isZero();
        assertThat(index.awaitingVectors(10)).extracting(c -> c.chunk().text()).containsExactly("second text");
        assertThat(index.chunkCount()).isEqualTo(1);
    }

    @Test
    void theBacklogSurvivesAReopen() {
        putAwaitingVectors(TestChunks.document("a.pdf").build(), "pending text");
        index.commit();

        index = reopenIndex(index);

        assertThat(index.awaitingVectors(10)).extracting(c -> c.chunk().text()).containsExactly("pending text");
        assertThat(keyword("pending", DEFAULT)).containsExactly("pending text");
    }
}
