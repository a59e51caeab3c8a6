package dev.verity.ingestion;

import dev.verity.catalog.BlobStore;
import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.Chunk;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.ParsedDocument;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.guardrails.ChunkGuard;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guardrails.pii.DocumentRedaction;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.chunking.Chunker;
import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.internal.Hashing;
import dev.verity.observability.Tracer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to one stored file, in order:
 *
 * <ol>
 *   <li>Same hash and same ACL as the version in the catalogue and the index: unchanged, nothing else is done.
 *   <li>A container (an archive, when {@link #withContainers} is set): its members go through these same steps as
 *       child documents ({@link ContainerExpansion}); the container keeps no text of its own.
 *   <li>Parse ({@link DocumentParser}) and detect the language ({@link LanguageDetector}).
 *   <li>Chunk ({@link Chunker}); a document without a single chunk is rejected as having no text.
 *   <li>Guard ({@link ChunkGuard}): blocked chunks are left out, the verdict is kept with the others.
 *   <li>Embed, through the cache keyed by chunk hash ({@link CachingEmbedder}) — or, {@link #deferringEmbedding()
 *       deferring}, take only the cached vectors and leave the rest to a {@link VectorBackfill}.
 *   <li>Replace the document's chunks in the {@link Index}, atomically (not yet committed).
 * </ol>
 *
 * A bad file comes back rejected with a typed reason. Failures of the index, store or model are not the file's
 * fault: they are thrown, and the job is retried.
 */
public final class IngestionPipeline {
    private final DocumentParser parser;
    private final LanguageDetector languages;
    private final Chunker chunker;
    private final ChunkGuard guard;
    private final CachingEmbedder embedder;
    private final Index index;
    private final DocumentStore store;
    private final Clock clock;
    private final DocumentRedaction redaction;
    private final Optional<ContainerExpansion> containers;
    /** Whether chunks go to the index before their vectors ({@link #deferringEmbedding()}). */
    private final boolean deferEmbedding;
    /** Where each file's steps are traced ({@link #withTracer}); noop by default. */
    private final Tracer tracer;

    /** Without redaction: documents are stored as parsed. */
    public IngestionPipeline(
            DocumentParser parser,
            LanguageDetector languages,
            Chunker chunker,
            ChunkGuard guard,
            CachingEmbedder embedder,
            Index index,
            DocumentStore store,
            Clock clock) {
        this(parser, languages, chunker, guard, embedder, index, store, clock, DocumentRedaction.none());
    }

    /** @param redaction removes personal data from the documents of the collections that ask for it, before chunking */
    public IngestionPipeline(
            DocumentParser parser,
            LanguageDetector languages,
            Chunker chunker,
            ChunkGuard guard,
            CachingEmbedder embedder,
            Index index,
            DocumentStore store,
            Clock clock,
            DocumentRedaction redaction) {
        this(
                parser,
                languages,
                chunker,
                guard,
                embedder,
                index,
                store,
                clock,
                redaction,
                Optional.empty(),
                false,
                Tracer.noop());
    }

    private IngestionPipeline(
            DocumentParser parser,
            LanguageDetector languages,
            Chunker chunker,
            ChunkGuard guard,
            CachingEmbedder embedder,
            Index index,
            DocumentStore store,
            Clock clock,
            DocumentRedaction redaction,
            Optional<ContainerExpansion> containers,
            boolean deferEmbedding,
            Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.containers = containers;
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.languages = Objects.requireNonNull(languages, "languages");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deferEmbedding = deferEmbedding;
    }

    /**
     * This pipeline, writing chunks to the index before they are embedded, so a file is findable by keyword as soon as
     * it is chunked: chunks whose vectors the embedding cache holds get them at once, the others are written awaiting
     * their vector ({@link IndexedChunk#awaitingVector}) for a {@link VectorBackfill} to embed in bulk. Do NOT use it
     * without a backfill running on the same index: those chunks would never be found by meaning.
     */
    public IngestionPipeline deferringEmbedding() {
        return new IngestionPipeline(
                parser, languages, chunker, guard, embedder, index, store, clock, redaction, containers, true, tracer);
    }

    /**
     * The same pipeline, tracing each file on {@code tracer}: a root span {@code ingest} (attributes {@code media_type},
     * {@code status}, {@code pages}, {@code chunks}) around the steps {@code parse} (with {@code ocr_pages}, the pages
     * OCR read), {@code chunk}, {@code guard} ({@code guard}, {@code allowed}, {@code flagged}, {@code blocked}),
     * {@code embed} and {@code index}; a container's members are {@code ingest} spans inside the container's. The
     * index commit is batched across files by {@link dev.verity.ingestion.jobs.IngestionWorkers}: it is a span of its
     * own.
     */
    public IngestionPipeline withTracer(Tracer tracer) {
        return new IngestionPipeline(
                parser,
                languages,
                chunker,
                guard,
                embedder,
                index,
                store,
                clock,
                redaction,
                containers,
                deferEmbedding,
                tracer);
    }

    /** Where each file's steps are traced: {@link Tracer#noop()} unless {@link #withTracer} set one. */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * The same pipeline, which also opens containers: members of archives become documents of their own (see
     * {@link ContainerExpansion}), their bytes stored in {@code blobs}, within {@code limits}.
     */
    public IngestionPipeline withContainers(ContainerReader reader, BlobStore blobs, ContainerLimits limits) {
        return new IngestionPipeline(
                parser,
                languages,
                chunker,
                guard,
                embedder,
                index,
                store,
                clock,
                redaction,
                Optional.of(new ContainerExpansion(reader, blobs, limits)),
                deferEmbedding,
                tracer);
    }

    public Index index() {
        return index;
    }

    /**
     * A file's result, the catalogue record to write once the index has committed, and the content hash of the
     * version it replaced (whose original may no longer be needed); for a container, also its children's outcomes,
     * the ids of children it no longer holds (already deleted from the index, still to delete from the catalogue),
     * and the originals that may no longer be needed once the catalogue is written.
     */
    public record Outcome(
            IngestResult result,
            Optional<DocumentRecord> record,
            Optional<String> replacedSha256,
            List<Outcome> embedded,
            List<String> removedIds,
            Set<String> releasedSha256) {
        public Outcome {
            embedded = List.copyOf(embedded);
            removedIds = List.copyOf(removedIds);
            releasedSha256 = Set.copyOf(releasedSha256);
        }

        /** The outcome of a file with nothing inside it. */
        public Outcome(IngestResult result, Optional<DocumentRecord> record, Optional<String> replacedSha256) {
            this(result, record, replacedSha256, List.of(), List.of(), Set.of());
        }

        Outcome withEmbedded(List<Outcome> children, List<String> removed, Set<String> released) {
            return new Outcome(result, record, replacedSha256, children, removed, released);
        }

        /** The catalogue records of the children at every level, parents before their children. */
        public List<DocumentRecord> embeddedRecords() {
            List<DocumentRecord> records = new ArrayList<>();
            for (Outcome child : embedded) {
                child.record().ifPresent(records::add);
                records.addAll(child.embeddedRecords());
            }
            return records;
        }

        /** Ids removed from the catalogue at every level. */
        public List<String> allRemovedIds() {
            List<String> ids = new ArrayList<>(removedIds);
            embedded.forEach(child -> ids.addAll(child.allRemovedIds()));
            return ids;
        }

        /** Originals that nothing may need any more once this outcome is recorded: replaced versions, members. */
        public Set<String> garbageCandidates() {
            Set<String> candidates = new java.util.HashSet<>(releasedSha256);
            replacedSha256.ifPresent(candidates::add);
            embedded.forEach(child -> candidates.addAll(child.garbageCandidates()));
            return candidates;
        }
    }

    /**
     * @param file the original's bytes
     * @param source the name it is known by
     * @param sha256 the hash of its bytes
     * @param size its size in bytes
     */
    public Outcome process(Path file, String source, String sha256, long size, IngestOptions options) {
        return process(file, source, sha256, size, options, Optional.empty(), true);
    }

    /**
     * @param parentId the container it was found in, if any
     * @param expand false to read only the file's own text, not what is embedded in it
     */
    private Outcome process(
            Path file,
            String source,
            String sha256,
            long size,
            IngestOptions options,
            Optional<String> parentId,
            boolean expand) {
        try (Tracer.Span span = tracer.start("ingest")) {
            Outcome outcome = ingest(file, source, sha256, size, options, parentId, expand, span);
            span.attribute("status", outcome.result().status().code())
                    .attribute("chunks", outcome.result().chunks());
            return outcome;
        }
    }

    private Outcome ingest(
            Path file,
            String source,
            String sha256,
            long size,
            IngestOptions options,
            Optional<String> parentId,
            boolean expand,
            Tracer.Span root) {
        String documentId = DocumentIds.documentId(options.tenant(), options.collection(), source);
        Optional<DocumentRecord> previous = store.find(options.tenant(), documentId);
        Optional<IndexedDocument> inIndex = index.document(documentId);
        if (previous.isPresent() && inIndex.isPresent()) {
            DocumentInfo old = previous.get().info();
            if (old.contentSha256().equals(sha256)
                    && old.acl().equals(options.acl())
                    && inIndex.get().version() == old.version()
                    && inIndex.get().contentSha256().equals(sha256)) {
                return new Outcome(
                        new IngestResult(
                                source,
                                IngestStatus.UNCHANGED,
                                Optional.empty(),
                                documentId,
                                previous.get().chunkCount(),
                                old.version()),
                        Optional.empty(),
                        Optional.empty());
            }
        }
        if (expand && containers.isPresent() && containers.get().isContainer(file, source)) {
            return containers
                    .get()
                    .ingest(
                            file,
                            source,
                            sha256,
                            size,
                            options,
                            previous,
                            parentId,
                            store,
                            index,
                            clock,
                            (f, s, sha, n, o, parent) -> process(f, s, sha, n, o, parent, false));
        }
        ParsedDocument parsed;
        try (Tracer.Span span = tracer.start("parse")) {
            parsed = parser.parse(file, source);
            span.attribute("ocr_pages", parsed.quality().ocrPages());
        } catch (DocumentRejectedException e) {
            return rejected(source, documentId, e.rejection());
        } catch (Transcriber.TranscriptionException e) {
            if (e.retryable()) {
                throw e; // the speech service is down or busy: not the file's fault, the job is retried
            }
            return rejected(
                    source,
                    documentId,
                    new Rejection(
                            RejectionReason.UNPARSEABLE, "the speech-to-text service refused it: " + e.getMessage()));
        } catch (RuntimeException e) {
            return rejected(source, documentId, new Rejection(RejectionReason.UNPARSEABLE, "the parser failed: " + e));
        }
        if (parsed.isBlank()) {
            return rejected(source, documentId, new Rejection(RejectionReason.NO_TEXT, "no text could be extracted"));
        }
        root.attribute("media_type", parsed.mediaType()).attribute("pages", parsed.pageCount());
        ParsedDocument redacted = redaction.redact(options.collection(), parsed);
        parsed = redacted.withLanguage(languages.detect(redacted.text()));
        ParsedDocument toChunk = parsed;
        List<ChunkDraft> drafts = tracer.inSpan("chunk", () -> chunker.chunk(toChunk));
        if (drafts.isEmpty()) {
            return rejected(source, documentId, new Rejection(RejectionReason.NO_TEXT, "no text could be extracted"));
        }
        int version = Math.max(
                        previous.map(r -> r.info().version()).orElse(0),
                        inIndex.map(IndexedDocument::version).orElse(0))
                + 1;
        DocumentInfo info = new DocumentInfo(
                documentId,
                version,
                options.collection(),
                options.tenant(),
                options.acl(),
                source,
                parsed.title().isEmpty() ? source : parsed.title(),
                parsed.mediaType(),
                parsed.language(),
                sha256,
                clock.instant());
        List<Chunk> chunks = new ArrayList<>(drafts.size());
        List<GuardVerdict> verdicts = new ArrayList<>(drafts.size());
        int flagged = 0;
        int blocked = 0;
        try (Tracer.Span guarding = tracer.start("guard")) {
            for (ChunkDraft d : drafts) {
                int ordinal = chunks.size();
                String searchText = Chunk.searchText(d.context(), d.text());
                Chunk chunk = new Chunk(
                        DocumentIds.chunkId(documentId, version, ordinal),
                        info,
                        ordinal,
                        d.kind(),
                        d.text(),
                        d.context(),
                        d.location(),
                        Hashing.sha256(searchText),
                        d.tokenCount());
                GuardVerdict verdict = guard.check(chunk);
                if (d == drafts.getFirst()) {
                    guarding.attribute("guard", verdict.guard());
                }
                if (verdict.action() == GuardVerdict.Action.BLOCK) {
                    blocked++;
                    continue;
                }
                chunks.add(chunk);
                verdicts.add(verdict);
                if (verdict.action() == GuardVerdict.Action.FLAG) {
                    flagged++;
                }
            }
            guarding.attribute("allowed", chunks.size() - flagged)
                    .attribute("flagged", flagged)
                    .attribute("blocked", blocked);
        }
        if (chunks.isEmpty()) {
            return rejected(
                    source,
                    documentId,
                    new Rejection(RejectionReason.BLOCKED, "the ingestion guard blocked every passage of it"));
        }
        List<IndexedChunk> indexed = tracer.inSpan(
                "embed", () -> deferEmbedding ? cachedOrAwaiting(chunks, verdicts) : embed(chunks, verdicts));
        tracer.inSpan("index", () -> {
            index.replaceDocument(documentId, indexed);
            return null;
        });
        DocumentRecord record = new DocumentRecord(
                info, chunks.size(), size, parsed.pageCount(), Optional.of(parsed.quality()), parentId);
        return new Outcome(
                new IngestResult(source, IngestStatus.INDEXED, Optional.empty(), documentId, chunks.size(), version),
                Optional.of(record),
                previous.map(r -> r.info().contentSha256()).filter(old -> !old.equals(sha256)));
    }

    private List<IndexedChunk> embed(List<Chunk> chunks, List<GuardVerdict> verdicts) {
        List<float[]> vectors = embedder.embed(
                        chunks.stream().map(Chunk::searchText).toList(),
                        chunks.stream().map(Chunk::contentHash).toList())
                .vectors();
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            indexed.add(new IndexedChunk(chunks.get(i), vectors.get(i), verdicts.get(i)));
        }
        return indexed;
    }

    /** The chunks with the vectors the cache holds, the others awaiting theirs: no model call. */
    private List<IndexedChunk> cachedOrAwaiting(List<Chunk> chunks, List<GuardVerdict> verdicts) {
        Map<String, float[]> cached =
                embedder.cached(chunks.stream().map(Chunk::contentHash).toList());
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = cached.get(chunks.get(i).contentHash());
            indexed.add(
                    vector == null
                            ? IndexedChunk.awaitingVector(chunks.get(i), verdicts.get(i))
                            : new IndexedChunk(chunks.get(i), vector, verdicts.get(i)));
        }
        return indexed;
    }

    private static Outcome rejected(String source, String documentId, Rejection rejection) {
        return new Outcome(
                new IngestResult(source, IngestStatus.REJECTED, Optional.of(rejection), documentId, 0, 0),
                Optional.empty(),
                Optional.empty());
    }
}
