package dev.verity.ingestion;

import dev.verity.catalog.BlobStore;
import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.ParseQuality;
import dev.verity.document.ParsedDocument;
import dev.verity.index.Index;
import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a container (an archive) into child documents, in two steps:
 *
 * <ol>
 *   <li>Expand the whole tree of nested containers into a scratch folder, charging every member and byte to one
 *       {@link ExpansionBudget}: a bomb (depth, member count, expanded bytes, compression ratio) is refused whole,
 *       before anything reaches the index.
 *   <li>Store each member's bytes (content-addressed: identical members are kept once), and run each through the
 *       pipeline as a document whose source is {@code container ▸ member/path} and whose parent is the container.
 *       Nested containers become child documents with no text of their own. Children the container no longer holds
 *       are deleted from the index, and listed for the catalogue.
 * </ol>
 *
 * An archive is {@code indexed} with 0 chunks when at least one child holds text, else rejected like any file
 * without text; a document with files embedded in it keeps its own chunks, and its children come with it.
 *
 * <p>Trap: the {@link ContainerReader} runs in this process, not in the parser's sandbox: it only streams bytes out
 * of the container, charged to the budget as it goes, and never parses them; each member is then parsed by the
 * (sandboxed) {@code DocumentParser} like any file.
 */
final class ContainerExpansion {
    /** Between a container's source and a member's path: {@code bundle.zip ▸ reports/q3.docx}. */
    static final String SEPARATOR = " ▸ ";

    private final ContainerReader reader;
    private final BlobStore blobs;
    private final ContainerLimits limits;

    ContainerExpansion(ContainerReader reader, BlobStore blobs, ContainerLimits limits) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Runs a file's own text through the pipeline, as a child of {@code parentId} if present, never expanding it. */
    @FunctionalInterface
    interface Members {
        IngestionPipeline.Outcome ingest(
                Path file, String source, String sha256, long size, IngestOptions options, Optional<String> parentId);
    }

    /** A container and what it holds, every level already extracted. */
    private record Node(
            Path file, String mediaType, List<Member> members, boolean ownText, List<EmbeddedFile> pictures) {}

    private record Member(EmbeddedFile file, Optional<Node> container) {}

    boolean isContainer(Path file, String source) {
        return reader.isContainer(file, source);
    }

    /** Expands and ingests a file {@link #isContainer} accepted. */
    IngestionPipeline.Outcome ingest(
            Path file,
            String source,
            String sha256,
            long size,
            IngestOptions options,
            Optional<DocumentRecord> previous,
            Optional<String> parentId,
            DocumentStore store,
            Index index,
            Clock clock,
            Members members) {
        String documentId = DocumentIds.documentId(options.tenant(), options.collection(), source);
        if (previous.isPresent()
                && previous.get().chunkCount() == 0
                && previous.get().info().contentSha256().equals(sha256)
                && previous.get().info().acl().equals(options.acl())
                && previous.get().parentId().equals(parentId)) {
            // the same archive again: its members are the same, so nothing is extracted (`verity check` finds a
            // member deleted on its own, and `--repair` ingests the archive again)
            int embedded = countStored(store, options.tenant(), documentId);
            return new IngestionPipeline.Outcome(
                    new IngestResult(
                            source,
                            IngestStatus.UNCHANGED,
                            Optional.empty(),
                            documentId,
                            0,
                            previous.get().info().version(),
                            embedded),
                    Optional.empty(),
                    Optional.empty());
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("verity-members-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the members of " + source, e);
        }
        try {
            Node tree;
            try {
                tree = expand(file, source, scratch, new ExpansionBudget(limits, size), 1);
            } catch (DocumentRejectedException e) {
                return rejected(source, documentId, e.rejection());
            }
            return ingest(tree, source, sha256, size, options, previous, parentId, store, index, clock, members);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private Node expand(Path file, String name, Path into, ExpansionBudget budget, int depth)
            throws DocumentRejectedException {
        budget.depth(depth, name);
        ContainerReader.Container container = reader.read(file, name, into, budget);
        List<Member> members = new ArrayList<>();
        int n = 0;
        for (EmbeddedFile member : container.members()) {
            Optional<Node> nested = Optional.empty();
            if (reader.isContainer(member.file(), member.path())) {
                Path sub = into.resolve("n" + n++);
                try {
                    Files.createDirectories(sub);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                try {
                    nested = Optional.of(expand(member.file(), member.path(), sub, budget, depth + 1));
                } catch (DocumentRejectedException e) {
                    if (e.rejection().reason() == RejectionReason.RESOURCE_LIMIT) {
                        throw e; // a bomb anywhere refuses the whole file
                    }
                    // a damaged inner archive stays a plain member: the parser rejects it on its own
                }
            }
            members.add(new Member(member, nested));
        }
        return new Node(file, container.mediaType(), members, container.ownText(), container.pictures());
    }

    private static boolean indexed(IngestionPipeline.Outcome outcome) {
        return outcome.result().status() == IngestStatus.INDEXED
                || outcome.result().status() == IngestStatus.UNCHANGED;
    }

    private IngestionPipeline.Outcome ingest(
            Node node,
            String source,
            String sha256,
            long size,
            IngestOptions options,
            Optional<DocumentRecord> previous,
            Optional<String> parentId,
            DocumentStore store,
            Index index,
            Clock clock,
            Members ingestMember) {
        String documentId = DocumentIds.documentId(options.tenant(), options.collection(), source);
        Optional<IngestionPipeline.Outcome> own = Optional.empty();
        Optional<IngestionPipeline.Outcome> ownNoText = Optional.empty();
        if (node.ownText()) {
            IngestionPipeline.Outcome text = ingestMember.ingest(node.file(), source, sha256, size, options, parentId);
            Optional<Rejection> refused = text.result().rejection();
            if (refused.isPresent() && refused.get().reason() != RejectionReason.NO_TEXT) {
                return text; // damaged, encrypted, blocked…: what it holds is not read either
            }
            if (refused.isEmpty()) {
                own = Optional.of(text);
            } else {
                ownNoText = Optional.of(text);
            }
        }
        List<IngestionPipeline.Outcome> children = new ArrayList<>();
        Set<String> present = new HashSet<>();
        Set<String> released = new LinkedHashSet<>();
        for (Member member : node.members()) {
            String childSource = source + SEPARATOR + member.file().path();
            present.add(DocumentIds.documentId(options.tenant(), options.collection(), childSource));
            String childSha = blobs.put(member.file().file());
            released.add(childSha); // kept by the child's record once committed, collected otherwise
            if (member.container().isPresent()) {
                Optional<DocumentRecord> childPrevious = store.find(
                        options.tenant(), DocumentIds.documentId(options.tenant(), options.collection(), childSource));
                children.add(ingest(
                        member.container().get(),
                        childSource,
                        childSha,
                        member.file().size(),
                        options,
                        childPrevious,
                        Optional.of(documentId),
                        store,
                        index,
                        clock,
                        ingestMember));
            } else {
                children.add(ingestMember.ingest(
                        member.file().file(),
                        childSource,
                        childSha,
                        member.file().size(),
                        options,
                        Optional.of(documentId)));
            }
        }
        if (own.isEmpty() && node.ownText() && children.stream().noneMatch(ContainerExpansion::indexed)) {
            // a document whose only text is in its pictures (a deck of screenshots): read them, by OCR, as children
            for (EmbeddedFile picture : node.pictures()) {
                String childSource = source + SEPARATOR + picture.path();
                present.add(DocumentIds.documentId(options.tenant(), options.collection(), childSource));
                String childSha = blobs.put(picture.file());
                released.add(childSha);
                children.add(ingestMember.ingest(
                        picture.file(), childSource, childSha, picture.size(), options, Optional.of(documentId)));
            }
        }
        if (own.isPresent()
                && node.members().isEmpty()
                && store.children(options.tenant(), documentId).isEmpty()) {
            return own.get(); // a document with nothing embedded: as if it had never been opened
        }
        List<IngestionPipeline.Outcome> withText =
                children.stream().filter(ContainerExpansion::indexed).toList();
        if (withText.isEmpty() && ownNoText.isPresent()) {
            return ownNoText.get().withEmbedded(children, List.of(), released); // nothing inside has text either
        }
        if (withText.isEmpty() && own.isEmpty()) {
            String detail = node.members().isEmpty()
                    ? "the archive is empty"
                    : "none of its " + node.members().size() + " members has text that could be indexed";
            return new IngestionPipeline.Outcome(
                            rejectedResult(source, documentId, new Rejection(RejectionReason.NO_TEXT, detail)),
                            Optional.empty(),
                            Optional.empty())
                    .withEmbedded(children, List.of(), released);
        }
        List<String> removed = new ArrayList<>();
        if (previous.isPresent()) {
            for (DocumentRecord gone : store.children(options.tenant(), documentId)) {
                if (!present.contains(gone.id())) {
                    removeWithChildren(gone, options.tenant(), store, index, removed, released);
                }
            }
        }
        boolean unchanged = previous.isPresent()
                && previous.get().info().contentSha256().equals(sha256)
                && previous.get().info().acl().equals(options.acl())
                && previous.get().parentId().equals(parentId)
                && removed.isEmpty()
                && children.stream().allMatch(o -> o.result().status() == IngestStatus.UNCHANGED);
        int embedded = countEmbedded(children);
        if (own.isPresent()) {
            IngestResult text = own.get().result();
            boolean allUnchanged = text.status() == IngestStatus.UNCHANGED
                    && removed.isEmpty()
                    && children.stream().allMatch(o -> o.result().status() == IngestStatus.UNCHANGED);
            IngestResult combined = new IngestResult(
                    source,
                    allUnchanged ? IngestStatus.UNCHANGED : text.status(),
                    Optional.empty(),
                    documentId,
                    text.chunks(),
                    text.version(),
                    embedded);
            return new IngestionPipeline.Outcome(
                            combined, own.get().record(), own.get().replacedSha256())
                    .withEmbedded(children, removed, released);
        }
        if (unchanged) {
            DocumentInfo old = previous.get().info();
            return new IngestionPipeline.Outcome(
                            new IngestResult(
                                    source,
                                    IngestStatus.UNCHANGED,
                                    Optional.empty(),
                                    documentId,
                                    0,
                                    old.version(),
                                    embedded),
                            Optional.empty(),
                            Optional.empty())
                    .withEmbedded(children, removed, released);
        }
        index.deleteDocument(documentId); // a container has no chunks of its own
        int version = previous.map(r -> r.info().version()).orElse(0) + 1;
        DocumentInfo info = new DocumentInfo(
                documentId,
                version,
                options.collection(),
                options.tenant(),
                options.acl(),
                source,
                fileName(source),
                node.mediaType(),
                ParsedDocument.UNDETERMINED_LANGUAGE,
                sha256,
                clock.instant());
        DocumentRecord record = new DocumentRecord(
                info,
                0,
                size,
                0,
                Optional.of(ParseQuality.measure(List.of(), 0, List.of(), notIndexed(children))),
                parentId);
        return new IngestionPipeline.Outcome(
                        new IngestResult(
                                source, IngestStatus.INDEXED, Optional.empty(), documentId, 0, version, embedded),
                        Optional.of(record),
                        previous.map(r -> r.info().contentSha256()).filter(old -> !old.equals(sha256)))
                .withEmbedded(children, removed, released);
    }

    /** Children indexed or unchanged, at every level below. */
    /** What `verity docs --quality` says of the members that are not indexed: which, and why. */
    private static List<String> notIndexed(List<IngestionPipeline.Outcome> children) {
        List<String> warnings = new ArrayList<>();
        for (IngestionPipeline.Outcome child : children) {
            child.result()
                    .rejection()
                    .ifPresent(r -> warnings.add("member not indexed: "
                            + child.result().source() + " (" + r.reason().code() + ": " + r.detail() + ")"));
        }
        return warnings;
    }

    private static int countStored(DocumentStore store, String tenant, String documentId) {
        int n = 0;
        for (DocumentRecord child : store.children(tenant, documentId)) {
            n += 1 + countStored(store, tenant, child.id());
        }
        return n;
    }

    private static int countEmbedded(List<IngestionPipeline.Outcome> children) {
        int n = 0;
        for (IngestionPipeline.Outcome child : children) {
            if (indexed(child)) {
                n += 1 + countEmbedded(child.embedded());
            }
        }
        return n;
    }

    private static void removeWithChildren(
            DocumentRecord gone,
            String tenant,
            DocumentStore store,
            Index index,
            List<String> removed,
            Set<String> released) {
        for (DocumentRecord child : store.children(tenant, gone.id())) {
            removeWithChildren(child, tenant, store, index, removed, released);
        }
        index.deleteDocument(gone.id());
        removed.add(gone.id());
        released.add(gone.info().contentSha256());
    }

    private static String fileName(String source) {
        int separator = source.lastIndexOf(SEPARATOR);
        String last = separator < 0 ? source : source.substring(separator + SEPARATOR.length());
        return last.substring(last.lastIndexOf('/') + 1);
    }

    private static IngestionPipeline.Outcome rejected(String source, String documentId, Rejection rejection) {
        return new IngestionPipeline.Outcome(
                rejectedResult(source, documentId, rejection), Optional.empty(), Optional.empty());
    }

    private static IngestResult rejectedResult(String source, String documentId, Rejection rejection) {
        return new IngestResult(source, IngestStatus.REJECTED, Optional.of(rejection), documentId, 0, 0);
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a scratch file left in the temp folder is harmless
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
