package dev.verity.ingestion;

import dev.verity.document.Chunk;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.ParsedDocument;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.chunking.Chunker;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.internal.Hashing;
import dev.verity.storage.DocumentRecord;
import dev.verity.storage.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingests files into a collection. Per file:
 *
 * <ol>
 *   <li>Refuse empty and oversized files before reading them.
 *   <li>Hash the bytes (SHA-256). Same hash and same ACL as the version in the catalogue and the index: unchanged,
 *       nothing else is done.
 *   <li>Parse ({@link DocumentParser}) and detect the language ({@link LanguageDetector}).
 *   <li>Chunk ({@link Chunker}); a document without a single chunk is rejected as having no text.
 *   <li>Embed, through the cache keyed by chunk hash ({@link CachingEmbedder}).
 *   <li>Replace the document's chunks in the {@link Index}, atomically.
 * </ol>
 *
 * Files are processed {@code parallelism} at a time. Every {@code commitEvery} files the index commits, and only then
 * are the batch's documents written to the {@link DocumentStore} and their results reported: a crash loses at most
 * the uncommitted batch, never leaves the catalogue ahead of the index, and a re-run picks up where it stopped.
 *
 * <p>A bad file is rejected with a typed reason and the batch goes on; its earlier version, if any, stays indexed.
 * Failures of the index, store or model are not the file's fault: they end the ingestion with an exception.
 */
public final class IngestionService implements AutoCloseable {
    private final DocumentParser parser;
    private final LanguageDetector languages;
    private final Chunker chunker;
    private final CachingEmbedder embedder;
    private final Index index;
    private final DocumentStore store;
    private final IngestionSettings settings;
    private final Clock clock;
    private final ExecutorService workers;

    public IngestionService(
            DocumentParser parser,
            LanguageDetector languages,
            Chunker chunker,
            CachingEmbedder embedder,
            Index index,
            DocumentStore store,
            IngestionSettings settings,
            Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.languages = Objects.requireNonNull(languages, "languages");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "verity-ingest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Receives each file's result once it is durable. */
    @FunctionalInterface
    public interface Listener {
        void onResult(IngestResult result, int done, int total);

        static Listener none() {
            return (result, done, total) -> {};
        }
    }

    /** Ingests the files and returns one result per file, in input order. */
    public List<IngestResult> ingest(List<SourceFile> files, IngestOptions options, Listener listener) {
        List<IngestResult> results = new ArrayList<>(files.size());
        for (int from = 0; from < files.size(); from += settings.commitEvery()) {
            List<SourceFile> batch = files.subList(from, Math.min(files.size(), from + settings.commitEvery()));
            List<Future<Outcome>> futures = new ArrayList<>();
            for (SourceFile file : batch) {
                futures.add(workers.submit(() -> process(file, options)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(await(future));
            }
            index.commit();
            for (Outcome outcome : outcomes) {
                outcome.record().ifPresent(store::upsert);
                results.add(outcome.result());
                listener.onResult(outcome.result(), results.size(), files.size());
            }
        }
        return results;
    }

    private Outcome process(SourceFile file, IngestOptions options) {
        String documentId = DocumentIds.documentId(options.collection(), file.source());
        long size;
        try {
            size = Files.size(file.path());
        } catch (IOException e) {
            return rejected(file, documentId, RejectionReason.UNREADABLE, "cannot read the file: " + e.getMessage());
        }
        if (size == 0) {
            return rejected(file, documentId, RejectionReason.EMPTY, "the file is empty (0 bytes)");
        }
        if (size > settings.maxFileBytes()) {
            return rejected(file, documentId, RejectionReason.TOO_LARGE, "the file has " + size
                    + " bytes, more than the limit of " + settings.maxFileBytes());
        }
        String sha256;
        try {
            sha256 = Hashing.sha256(file.path());
        } catch (UncheckedIOException e) {
            return rejected(file, documentId, RejectionReason.UNREADABLE, "cannot read the file: " + e.getMessage());
        }
        Optional<DocumentRecord> previous = store.find(documentId);
        Optional<IndexedDocument> inIndex = index.document(documentId);
        if (previous.isPresent() && inIndex.isPresent()) {
            DocumentInfo old = previous.get().info();
            if (old.contentSha256().equals(sha256)
                    && old.acl().equals(options.acl())
                    && inIndex.get().version() == old.version()
                    && inIndex.get().contentSha256().equals(sha256)) {
                return new Outcome(new IngestResult(file.source(), IngestStatus.UNCHANGED, Optional.empty(), documentId,
                        previous.get().chunkCount(), old.version()), Optional.empty());
            }
        }
        ParsedDocument parsed;
        try {
            parsed = parser.parse(file.path(), file.source());
        } catch (DocumentRejectedException e) {
            return rejected(file, documentId, e.rejection());
        } catch (RuntimeException e) {
            return rejected(file, documentId, RejectionReason.UNPARSEABLE, "the parser failed: " + e);
        }
        if (parsed.isBlank()) {
            return rejected(file, documentId, RejectionReason.NO_TEXT, "no text could be extracted");
        }
        parsed = parsed.withLanguage(languages.detect(parsed.text()));
        List<ChunkDraft> drafts = chunker.chunk(parsed);
        if (drafts.isEmpty()) {
            return rejected(file, documentId, RejectionReason.NO_TEXT, "no text could be extracted");
        }
        int version = Math.max(previous.map(r -> r.info().version()).orElse(0),
                        inIndex.map(IndexedDocument::version).orElse(0))
                + 1;
        DocumentInfo info = new DocumentInfo(documentId, version, options.collection(), options.tenant(),
                options.acl(), file.source(), parsed.title().isEmpty() ? file.source() : parsed.title(),
                parsed.mediaType(), parsed.language(), sha256, clock.instant());
        List<Chunk> chunks = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            ChunkDraft d = drafts.get(i);
            String searchText = Chunk.searchText(d.context(), d.text());
            chunks.add(new Chunk(DocumentIds.chunkId(documentId, version, i), info, i, d.kind(), d.text(),
                    d.context(), d.location(), Hashing.sha256(searchText), d.tokenCount()));
        }
        List<float[]> vectors = embedder.embed(
                        chunks.stream().map(Chunk::searchText).toList(),
                        chunks.stream().map(Chunk::contentHash).toList())
                .vectors();
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            indexed.add(new IndexedChunk(chunks.get(i), vectors.get(i)));
        }
        index.replaceDocument(documentId, indexed);
        DocumentRecord record =
                new DocumentRecord(info, chunks.size(), size, parsed.pageCount(), Optional.of(parsed.quality()));
        return new Outcome(new IngestResult(file.source(), IngestStatus.INDEXED, Optional.empty(), documentId,
                chunks.size(), version), Optional.of(record));
    }

    private Outcome rejected(SourceFile file, String documentId, RejectionReason reason, String detail) {
        return rejected(file, documentId, new Rejection(reason, detail));
    }

    private Outcome rejected(SourceFile file, String documentId, Rejection rejection) {
        return new Outcome(new IngestResult(file.source(), IngestStatus.REJECTED, Optional.of(rejection), documentId,
                0, 0), Optional.empty());
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ingestion was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("ingestion failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** A file's result, and the catalogue record to write once the index has committed. */
    private record Outcome(IngestResult result, Optional<DocumentRecord> record) {}
}
