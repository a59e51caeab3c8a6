package dev.verity.parsers.archive;

import static dev.verity.parsers.archive.Archives.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.catalog.BlobStore;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.catalog.FileSystemBlobStore;
import dev.verity.catalog.OriginalReferences;
import dev.verity.document.DocumentIds;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.embedding.EmbeddingCache;
import dev.verity.guardrails.ChunkGuard;
import dev.verity.index.InMemoryIndex;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.IngestionPipeline;
import dev.verity.ingestion.chunking.ChunkingSettings;
import dev.verity.ingestion.chunking.StructureAwareChunker;
import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import dev.verity.testkit.files.Slide;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives through the real pipeline: the real parsers read each member, the in-memory index holds the chunks, and
 * the catalogue is written as the ingestion service writes it once the index has committed.
 */
class ArchiveIngestionTest {
    private static final IngestOptions OPS = IngestOptions.into("ops").withAcl(Set.of("group:finance"));
    private static final SearchFilter IN_OPS = SearchFilter.collection("ops").withPrincipals(Set.of("group:finance"));

    @TempDir
    Path dir;

    private final InMemoryIndex index = new InMemoryIndex();
    private final MapStore store = new MapStore();
    private BlobStore blobs;
    private IngestionPipeline pipeline;

    @BeforeEach
    void build() {
        blobs = new FileSystemBlobStore(dir.resolve("blobs"));
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        pipeline = new IngestionPipeline(
                        new RoutingDocumentParser(),
                        text -> "en",
                        new StructureAwareChunker(model.tokenCounter(), ChunkingSettings.defaults()),
                        ChunkGuard.none(),
                        new CachingEmbedder(model, EmbeddingCache.none()),
                        index,
                        store,
                        Clock.systemUTC())
                .withContainers(
                        ContainerReader.anyOf(
                                new ArchiveReader(),
                                new OfficeEmbeddingsReader(),
                                new EmbeddedFilesReader(EmbeddedFilesReader.inProcess())),
                        blobs,
                        ContainerLimits.DEFAULTS);
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** Stores the original, processes it, commits, and writes the catalogue as the ingestion service does. */
    private IngestionPipeline.Outcome ingest(Path file, String source) throws Exception {
        String sha = blobs.put(file);
        IngestionPipeline.Outcome outcome = pipeline.process(file, source, sha, Files.size(file), OPS);
        index.commit();
        outcome.record().ifPresent(store::upsert);
        outcome.embeddedRecords().forEach(store::upsert);
        outcome.allRemovedIds().forEach(store::delete);
        Set<String> candidates = new HashSet<>(outcome.garbageCandidates());
        if (outcome.record().isEmpty()) {
            candidates.add(sha);
        }
        store.unreferenced(candidates).forEach(blobs::delete);
        return outcome;
    }

    private Path q3Docx() {
        return SampleFiles.docx(
                dir.resolve("q3.docx"),
                "Q3 report",
                List.of(Element.heading(1, "Results"), Element.paragraph("Revenue grew twelve percent in Q3.")));
    }

    private Path bundle(Map<String, byte[]> members) {
        return Archives.zip(dir.resolve("bundle-" + members.size() + ".zip"), members);
    }

    private Map<String, String> childSources(String parentSource) {
        String parent = DocumentIds.documentId("ops", parentSource);
        return store.children("default", parent).stream()
                .collect(Collectors.toMap(
                        r -> r.info().source(), r -> r.info().mediaType(), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void aZipWithADocxAndATextFileBecomesTwoSearchableChildDocumentsThatCiteTheirProvenance() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("reports/q3.docx", Archives.bytes(q3Docx()));
        members.put("notes.txt", text("The offsite moves to Lisbon in May."));

        IngestionPipeline.Outcome outcome = ingest(bundle(members), "bundle.zip");

        assertThat(outcome.result().status()).isEqualTo(IngestStatus.INDEXED);
        assertThat(outcome.result().message()).isEqualTo("indexed 0 chunks, 2 embedded documents (version 1)");
        assertThat(childSources("bundle.zip"))
                .containsOnlyKeys("bundle.zip ▸ reports/q3.docx", "bundle.zip ▸ notes.txt");
        assertThat(index.keywordSearch("revenue", SearchFilter.collection("ops"), 5))
                .as("the children keep the container's ACL")
                .isEmpty();
        List<ScoredChunk> hits = index.keywordSearch("revenue twelve percent", IN_OPS, 5);
        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().chunk().document().source()).isEqualTo("bundle.zip ▸ reports/q3.docx");
        assertThat(hits.getFirst().chunk().document().acl()).containsExactly("group:finance");
        assertThat(index.keywordSearch("Lisbon", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("bundle.zip ▸ notes.txt");
        DocumentRecord container = store.find("default", DocumentIds.documentId("ops", "bundle.zip"))
                .orElseThrow();
        assertThat(container.chunkCount()).isZero();
        assertThat(container.info().mediaType()).isEqualTo("application/zip");
        assertThat(container.parentId()).isEmpty();
    }

    @Test
    void membersThatAreNotIndexedAreNamedWithTheirReasonInTheArchivesQualityReport() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("notes.txt", text("The offsite moves to Lisbon in May."));
        members.put("tool.exe", new byte[] {0x4d, 0x5a, 0, 1, 2, 3});

        IngestionPipeline.Outcome outcome = ingest(bundle(members), "bundle.zip");

        assertThat(outcome.result().embedded()).isEqualTo(1);
        assertThat(outcome.record().orElseThrow().quality().orElseThrow().warnings())
                .singleElement()
                .asString()
                .startsWith("member not indexed: bundle.zip ▸ tool.exe (unsupported_type: ");
    }

    @Test
    void reingestingTheArchiveWithoutAMemberRemovesThatChildAndKeepsTheOtherUnchanged() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("notes.txt", text("The offsite moves to Lisbon in May."));
        members.put("old/plan.txt", text("The old plan was Porto in June."));
        ingest(bundle(members), "bundle.zip");
        members.remove("old/plan.txt");

        IngestionPipeline.Outcome again = ingest(bundle(members), "bundle.zip");

        assertThat(again.result().status()).isEqualTo(IngestStatus.INDEXED);
        assertThat(again.result().version()).isEqualTo(2);
        assertThat(again.allRemovedIds()).containsExactly(DocumentIds.documentId("ops", "bundle.zip ▸ old/plan.txt"));
        assertThat(childSources("bundle.zip")).containsOnlyKeys("bundle.zip ▸ notes.txt");
        assertThat(index.keywordSearch("Porto", IN_OPS, 5)).isEmpty();
        assertThat(again.embedded().getFirst().result().status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(blobs.list()).hasSize(2); // the new zip and notes.txt: the old zip and plan.txt are collected
    }

    @Test
    void theSameArchiveAgainIsUnchangedWithoutBeingExtracted() throws Exception {
        Path zip = bundle(Map.of("notes.txt", text("The offsite moves to Lisbon in May.")));
        ingest(zip, "bundle.zip");

        IngestionPipeline.Outcome again = ingest(zip, "bundle.zip");

        assertThat(again.result().status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(again.result().message()).isEqualTo("unchanged since version 1, 1 embedded document");
        assertThat(again.embedded()).as("no member was read again").isEmpty();
    }

    @Test
    void deletingTheContainerDeletesItsChildrenAndTheirOriginals() throws Exception {
        Map<String, byte[]> inner = Map.of("deep.txt", text("Deep inside lies the budget for Lisbon."));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("notes.txt", text("The offsite moves to Lisbon in May."));
        members.put("inner.zip", Archives.bytes(Archives.zip(dir.resolve("inner.zip"), inner)));
        ingest(bundle(members), "bundle.zip");
        assertThat(store.all()).hasSize(4);
        assertThat(childSources("bundle.zip ▸ inner.zip")).containsOnlyKeys("bundle.zip ▸ inner.zip ▸ deep.txt");

        boolean deleted = new Catalog(index, store, store, blobs)
                .delete("default", "ops", DocumentIds.documentId("ops", "bundle.zip"));

        assertThat(deleted).isTrue();
        assertThat(store.all()).isEmpty();
        assertThat(index.documents()).isEmpty();
        assertThat(index.keywordSearch("Lisbon", IN_OPS, 5)).isEmpty();
        assertThat(blobs.list()).isEmpty();
    }

    @Test
    void identicalMembersAreStoredOnce() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("a/minutes.txt", text("The board approved the budget."));
        members.put("b/minutes-copy.txt", text("The board approved the budget."));

        ingest(bundle(members), "bundle.zip");

        assertThat(childSources("bundle.zip")).hasSize(2);
        assertThat(blobs.list()).hasSize(2); // the zip, and the one content both members share
    }

    @Test
    void archivesNestedDeeperThanTheLimitAreRefusedWholeNamingTheDepthLimit() throws Exception {
        Path current = Archives.zip(dir.resolve("level0.zip"), Map.of("secret.txt", text("At the bottom.")));
        for (int level = 1; level <= 4; level++) {
            current = Archives.zip(
                    dir.resolve("level" + level + ".zip"),
                    Map.of("level" + (level - 1) + ".zip", Archives.bytes(current)));
        }

        IngestionPipeline.Outcome outcome = ingest(current, "nested.zip");

        assertThat(outcome.result().status()).isEqualTo(IngestStatus.REJECTED);
        assertThat(outcome.result().rejection().orElseThrow().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(outcome.result().rejection().orElseThrow().detail())
                .isEqualTo("it nests containers more than 3 deep (depth limit 3; reached at level1.zip)");
        assertThat(store.all()).isEmpty();
        assertThat(index.documents()).isEmpty();
    }

    @Test
    void aZipBombIsRefusedNamingTheRatioLimitAndLeavesNothingBehind() throws Exception {
        Path bomb = Archives.zeros(dir.resolve("bomb.zip"), "zeros.txt", 64L << 20);

        IngestionPipeline.Outcome outcome = ingest(bomb, "bomb.zip");

        assertThat(outcome.result().rejection().orElseThrow().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(outcome.result().message()).contains("compression-ratio limit 100:1");
        assertThat(blobs.list()).isEmpty();
    }

    @Test
    void anArchiveWhoseMembersHoldNoTextIsRejectedAsNoText() throws Exception {
        Path zip = bundle(Map.of("blank.txt", text("   \n ")));

        IngestionPipeline.Outcome outcome = ingest(zip, "blank.zip");

        assertThat(outcome.result().rejection().orElseThrow().reason()).isEqualTo(RejectionReason.NO_TEXT);
        assertThat(outcome.result().rejection().orElseThrow().detail())
                .isEqualTo("none of its 1 members has text that could be indexed");
        assertThat(store.all()).isEmpty();
    }

    private byte[] budgetWorkbook() {
        return Archives.bytes(SampleFiles.xlsx(
                dir.resolve("budget.xlsx"),
                Sheet.of("Budget", List.of("Item", "Cost"), List.of("Lisbon venue", "42000"))));
    }

    @Test
    void aReportWithAnEmbeddedWorkbookKeepsItsTextAndGetsTheWorkbookAsAChild() throws Exception {
        Path report = Archives.embed(
                q3Docx(),
                "/word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                budgetWorkbook());

        IngestionPipeline.Outcome outcome = ingest(report, "q3.docx");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk, 1 embedded document (version 1)");
        assertThat(childSources("q3.docx")).containsOnlyKeys("q3.docx ▸ Microsoft_Excel_Worksheet1.xlsx");
        assertThat(index.keywordSearch("Lisbon venue", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("q3.docx ▸ Microsoft_Excel_Worksheet1.xlsx");
        assertThat(index.keywordSearch("revenue", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("q3.docx");
    }

    @Test
    void aDeckWithAnEmbeddedWorkbookGetsTheWorkbookAsAChild() throws Exception {
        Path deck = SampleFiles.pptx(
                dir.resolve("deck.pptx"), "Offsite", List.of(Slide.of("Plan", "Lisbon in May", "Budget inside")));
        Archives.embed(
                deck,
                "/ppt/embeddings/Microsoft_Excel_Worksheet.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                budgetWorkbook());

        IngestionPipeline.Outcome outcome = ingest(deck, "deck.pptx");

        assertThat(outcome.result().embedded()).isEqualTo(1);
        assertThat(childSources("deck.pptx")).containsOnlyKeys("deck.pptx ▸ Microsoft_Excel_Worksheet.xlsx");
    }

    @Test
    void aDeckWhoseOnlyTextIsInAPictureIsIndexedByReadingThePicture() throws Exception {
        Assumptions.assumeTrue(new RoutingDocumentParser().ocrProblem().isEmpty(), "OCR is not available here");
        Path scan = SampleFiles.scanImage(
                dir.resolve("scan.png"), "png", 300, "The Lisbon offsite is moved to the second week of May.");
        Path deck = dir.resolve("screenshots.pptx");
        try (XMLSlideShow show = new XMLSlideShow();
                OutputStream out = Files.newOutputStream(deck)) {
            XSLFPictureData picture = show.addPicture(Files.readAllBytes(scan), PictureData.PictureType.PNG);
            show.createSlide().createPicture(picture);
            show.write(out);
        }

        IngestionPipeline.Outcome outcome = ingest(deck, "screenshots.pptx");

        assertThat(outcome.result().status()).as(outcome.result().message()).isEqualTo(IngestStatus.INDEXED);
        assertThat(outcome.result().embedded()).isEqualTo(1);
        assertThat(childSources("screenshots.pptx")).containsOnlyKeys("screenshots.pptx ▸ image1.png");
        assertThat(index.keywordSearch("Lisbon offsite", IN_OPS, 5))
                .extracting(hit -> hit.chunk().document().source())
                .contains("screenshots.pptx ▸ image1.png");
    }

    @Test
    void theLogoOfADeckWithTextIsNotRead() throws Exception {
        Path logo = SampleFiles.scanImage(dir.resolve("logo.png"), "png", 300, "Larkspur Robotics");
        Path deck = SampleFiles.pptx(dir.resolve("deck.pptx"), "Offsite", List.of(Slide.of("Plan", "Lisbon in May")));
        Archives.embed(deck, "/ppt/media/image1.png", "image/png", Files.readAllBytes(logo));

        IngestionPipeline.Outcome outcome = ingest(deck, "deck.pptx");

        assertThat(outcome.result().status()).isEqualTo(IngestStatus.INDEXED);
        assertThat(outcome.result().embedded()).isZero();
        assertThat(childSources("deck.pptx")).isEmpty();
    }

    @Test
    void aFileWrappedInAnOleObjectBecomesAChildUnderItsOwnName() throws Exception {
        Path report = Archives.embed(
                q3Docx(),
                "/word/embeddings/oleObject1.bin",
                "application/vnd.openxmlformats-officedocument.oleObject",
                Archives.olePackage("minutes.txt", text("The board approved the Lisbon budget.")));

        ingest(report, "q3.docx");

        assertThat(childSources("q3.docx")).containsOnlyKeys("q3.docx ▸ minutes.txt");
    }

    @Test
    void aDocumentWithNothingEmbeddedIsIndexedExactlyAsBefore() throws Exception {
        IngestionPipeline.Outcome outcome = ingest(q3Docx(), "q3.docx");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk (version 1)");
        assertThat(outcome.embedded()).isEmpty();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void removingTheEmbeddedWorkbookRemovesItsChild() throws Exception {
        Path report = Archives.embed(
                q3Docx(),
                "/word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                budgetWorkbook());
        ingest(report, "q3.docx");

        IngestionPipeline.Outcome again = ingest(q3Docx(), "q3.docx");

        assertThat(again.result().message()).isEqualTo("indexed 1 chunk (version 2)");
        assertThat(childSources("q3.docx")).isEmpty();
        assertThat(index.keywordSearch("Lisbon venue", IN_OPS, 5)).isEmpty();
    }

    private Path reportPdf(Map<String, byte[]> attachments) {
        return Archives.pdf(dir.resolve("report.pdf"), "Revenue grew twelve percent in Q3.", attachments);
    }

    @Test
    void aPdfWithAnAttachedTextFileKeepsItsTextAndGetsTheFileAsASearchableChild() throws Exception {
        Path pdf = reportPdf(Map.of("minutes.txt", text("The board approved the Lisbon budget.")));

        IngestionPipeline.Outcome outcome = ingest(pdf, "report.pdf");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk, 1 embedded document (version 1)");
        assertThat(childSources("report.pdf")).containsOnlyKeys("report.pdf ▸ minutes.txt");
        assertThat(index.keywordSearch("Lisbon budget", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("report.pdf ▸ minutes.txt");
        assertThat(index.keywordSearch("revenue twelve percent", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("report.pdf");
    }

    @Test
    void aFileAttachedToAPageOfAPdfByAnAnnotationBecomesAChild() throws Exception {
        Path pdf = Archives.pdfWithAnnotatedFile(
                dir.resolve("report.pdf"),
                "Revenue grew twelve percent in Q3.",
                "minutes.txt",
                text("The board approved the Lisbon budget."));

        ingest(pdf, "report.pdf");

        assertThat(childSources("report.pdf")).containsOnlyKeys("report.pdf ▸ minutes.txt");
    }

    @Test
    void aPdfWithAnAttachedDocxGetsTheDocxAsAChild() throws Exception {
        Path pdf = reportPdf(Map.of("q3.docx", Archives.bytes(q3Docx())));

        ingest(pdf, "report.pdf");

        assertThat(childSources("report.pdf")).containsOnlyKeys("report.pdf ▸ q3.docx");
    }

    @Test
    void aPdfWithoutAttachmentsIsIndexedExactlyAsBefore() throws Exception {
        Path pdf = reportPdf(Map.of());
        IngestionPipeline.Outcome outcome = ingest(pdf, "report.pdf");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk (version 1)");
        assertThat(outcome.embedded()).isEmpty();
        assertThat(store.all()).hasSize(1);
        assertThat(new EmbeddedFilesReader(EmbeddedFilesReader.inProcess()).isContainer(pdf, "report.pdf"))
                .as("opened to look for attachments, and nothing found")
                .isTrue();
    }

    @Test
    void aPdfWithMoreAttachmentsThanTheMemberLimitIsRefusedWholeNamingTheLimit() throws Exception {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (int i = 0; i <= ContainerLimits.DEFAULTS.maxMembers(); i++) {
            attachments.put("note-" + i + ".txt", text("Note " + i));
        }

        IngestionPipeline.Outcome outcome = ingest(reportPdf(attachments), "report.pdf");

        assertThat(outcome.result().rejection().orElseThrow().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(outcome.result().rejection().orElseThrow().detail())
                .startsWith("it holds more than 1000 members (member-count limit 1000; reached at ");
        assertThat(store.all()).isEmpty();
        assertThat(index.documents()).isEmpty();
    }

    @Test
    void aPdfWithAHugeCompressedAttachmentIsRefusedNamingTheRatioLimit() throws Exception {
        Path pdf = reportPdf(Map.of("zeros.txt", new byte[64 << 20]));

        IngestionPipeline.Outcome outcome = ingest(pdf, "report.pdf");

        assertThat(outcome.result().rejection().orElseThrow().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(outcome.result().message()).contains("compression-ratio limit 100:1");
        assertThat(blobs.list()).isEmpty();
    }

    @Test
    void aFileEmbeddedInAnRtfDocumentBecomesAChildUnderItsOwnName() throws Exception {
        Path rtf = Archives.rtfWithPackage(
                dir.resolve("memo.rtf"),
                "Revenue grew twelve percent in Q3.",
                "minutes.txt",
                text("The board approved the Lisbon budget."));

        IngestionPipeline.Outcome outcome = ingest(rtf, "memo.rtf");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk, 1 embedded document (version 1)");
        assertThat(childSources("memo.rtf")).containsOnlyKeys("memo.rtf ▸ minutes.txt");
        assertThat(index.keywordSearch("board approved", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("memo.rtf ▸ minutes.txt");
    }

    @Test
    void aFileEmbeddedInALegacyDeckBecomesAChildUnderItsOwnName() throws Exception {
        Path ppt = Archives.pptWithPackage(
                dir.resolve("deck.ppt"),
                "Revenue grew twelve percent in Q3.",
                "minutes.txt",
                text("The board approved the Lisbon budget."));

        IngestionPipeline.Outcome outcome = ingest(ppt, "deck.ppt");

        assertThat(outcome.result().embedded()).isEqualTo(1);
        assertThat(childSources("deck.ppt")).containsOnlyKeys("deck.ppt ▸ minutes.txt");
    }

    @Test
    void aFileEmbeddedInALegacyWorkbookBecomesAChildUnderItsOwnName() throws Exception {
        Path xls = Archives.xlsWithPackage(
                dir.resolve("budget.xls"),
                "Lisbon venue",
                "minutes.txt",
                text("The board approved the Lisbon budget."));

        IngestionPipeline.Outcome outcome = ingest(xls, "budget.xls");

        assertThat(outcome.result().message()).isEqualTo("indexed 1 chunk, 1 embedded document (version 1)");
        assertThat(childSources("budget.xls")).containsOnlyKeys("budget.xls ▸ minutes.txt");
        assertThat(index.keywordSearch("board approved", IN_OPS, 5))
                .extracting(h -> h.chunk().document().source())
                .containsExactly("budget.xls ▸ minutes.txt");
    }

    @Test
    void theZipOfTheDevelopmentCorpusIsIndexedAsItsTwoMembers() throws Exception {
        Path zip = Path.of("../../shared/data/docs-dev/files/simple.zip");
        Assumptions.assumeTrue(Files.isRegularFile(zip), "the development corpus is not here");

        IngestionPipeline.Outcome outcome = ingest(zip, "simple.zip");

        assertThat(outcome.result().message()).isEqualTo("indexed 0 chunks, 2 embedded documents (version 1)");
        assertThat(childSources("simple.zip"))
                .containsOnlyKeys("simple.zip ▸ ideas-page.html", "simple.zip ▸ stanley-cups.csv");
    }

    /** The catalogue in a map, answering for originals the way the job store does (by the documents that use them). */
    private static final class MapStore implements DocumentStore, OriginalReferences {
        private final Map<String, DocumentRecord> records = new ConcurrentSkipListMap<>();

        @Override
        public Optional<DocumentRecord> find(String tenant, String documentId) {
            return Optional.ofNullable(records.get(documentId))
                    .filter(r -> r.info().tenant().equals(tenant));
        }

        @Override
        public List<DocumentRecord> list(String tenant, String collection) {
            return list(tenant).stream()
                    .filter(r -> r.info().collection().equals(collection))
                    .toList();
        }

        @Override
        public List<DocumentRecord> list(String tenant) {
            return records.values().stream()
                    .filter(r -> r.info().tenant().equals(tenant))
                    .sorted(Comparator.comparing((DocumentRecord r) -> r.info().source()))
                    .toList();
        }

        @Override
        public List<DocumentRecord> all() {
            return List.copyOf(records.values());
        }

        @Override
        public void upsert(DocumentRecord record) {
            records.put(record.id(), record);
        }

        @Override
        public boolean delete(String documentId) {
            return records.remove(documentId) != null;
        }

        @Override
        public Set<String> unreferenced(Collection<String> sha256s) {
            Set<String> unused = new HashSet<>(sha256s);
            unused.removeAll(referenced());
            return unused;
        }

        @Override
        public Set<String> referenced() {
            return records.values().stream().map(r -> r.info().contentSha256()).collect(Collectors.toSet());
        }
    }
}
