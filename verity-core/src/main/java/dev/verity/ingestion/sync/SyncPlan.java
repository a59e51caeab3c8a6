package dev.verity.ingestion.sync;

import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sync will do: for every item of the source and every document an earlier sync of the same root left, one
 * {@link Action}. A pure value: computing it reads nothing and changes nothing.
 *
 * <p>The rules, per source name:
 *
 * <ol>
 *   <li>found, and the collection has no document of that name: {@link Kind#ADD};
 *   <li>found, and the collection's document has the same SHA-256 and the same ACL: {@link Kind#UNCHANGED};
 *   <li>found, with other content or another ACL: {@link Kind#CHANGE} (a new version replaces the old one);
 *   <li>not found, recorded by an earlier sync of this root, and not in {@code keep}: {@link Kind#DELETE}.
 * </ol>
 *
 * A document that is neither found nor recorded for this root is not part of the plan: it was ingested some other way
 * and is never touched. An added file with the same content as a deleted one is reported as a rename
 * ({@link Action#renamedFrom()}); it is still a delete and an add, since a document's id derives from its name.
 *
 * @param actions adds, changes and unchanged in source order, then deletes in source order
 */
public record SyncPlan(List<Action> actions) {

    /** What happens to one source name. */
    public enum Kind {
        ADD,
        CHANGE,
        DELETE,
        UNCHANGED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param kind what happens
     * @param source the item's name: path relative to the folder, or URL
     * @param documentId the document it concerns
     * @param renamedFrom for an add: the deleted source with the same content, when there is one
     */
    public record Action(Kind kind, String source, String documentId, Optional<String> renamedFrom) {
        public Action {
            Objects.requireNonNull(kind, "kind");
            Checks.nonBlank(source, "source");
            Checks.nonBlank(documentId, "documentId");
            Objects.requireNonNull(renamedFrom, "renamedFrom");
            if (renamedFrom.isPresent() && kind != Kind.ADD) {
                throw new IllegalArgumentException("only an add can be a rename, got " + kind + " of " + source);
            }
        }
    }

    /**
     * One item of the source as it is now.
     *
     * @param source its name, unique within the source
     * @param sha256 SHA-256 of its bytes
     */
    public record Found(String source, String sha256) {
        public Found {
            Checks.nonBlank(source, "source");
            Checks.nonBlank(sha256, "sha256");
        }
    }

    public SyncPlan {
        actions = List.copyOf(actions);
    }

    /** {@link #compute(String, Collection, Collection, Collection, Set, Set)} with nothing kept. */
    public static SyncPlan compute(
            String collection,
            Collection<Found> found,
            Collection<SyncEntry> owned,
            Collection<DocumentInfo> indexed,
            Set<String> acl) {
        return compute(collection, found, owned, indexed, acl, Set.of());
    }

    /**
     * @param collection the collection synced into
     * @param found the source's items now
     * @param owned what earlier syncs of this root recorded ({@link SyncState#entries})
     * @param indexed the collection's documents (others are ignored)
     * @param acl the principals the synced documents get
     * @param keep names owned but not found that must not be deleted, e.g. pages that could not be fetched this time
     * @throws IllegalArgumentException when two found items have the same name
     */
    public static SyncPlan compute(
            String collection,
            Collection<Found> found,
            Collection<SyncEntry> owned,
            Collection<DocumentInfo> indexed,
            Set<String> acl,
            Set<String> keep) {
        DocumentIds.requireCollection(collection);
        Set<String> access = new TreeSet<>(acl);
        Map<String, DocumentInfo> bySource = new HashMap<>();
        for (DocumentInfo info : indexed) {
            if (info.collection().equals(collection)) {
                bySource.put(info.source(), info);
            }
        }
        Map<String, Found> current = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(Found::source)).forEach(f -> {
            if (current.putIfAbsent(f.source(), f) != null) {
                throw new IllegalArgumentException("the source lists \"" + f.source() + "\" twice");
            }
        });

        List<SyncEntry> gone = owned.stream()
                .filter(e -> !current.containsKey(e.source()) && !keep.contains(e.source()))
                .sorted(Comparator.comparing(SyncEntry::source))
                .toList();
        Map<String, List<String>> goneBySha = new HashMap<>();
        for (SyncEntry entry : gone) {
            goneBySha
                    .computeIfAbsent(entry.contentSha256(), k -> new ArrayList<>())
                    .add(entry.source());
        }

        List<Action> actions = new ArrayList<>();
        Set<String> renamed = new HashSet<>();
        for (Found f : current.values()) {
            String id = DocumentIds.documentId(collection, f.source());
            DocumentInfo info = bySource.get(f.source());
            if (info == null) {
                Optional<String> from = Optional.ofNullable(goneBySha.get(f.sha256()))
                        .flatMap(sources -> sources.stream()
                                .filter(s -> !renamed.contains(s))
                                .findFirst());
                from.ifPresent(renamed::add);
                actions.add(new Action(Kind.ADD, f.source(), id, from));
            } else if (info.contentSha256().equals(f.sha256()) && info.acl().equals(access)) {
                actions.add(new Action(Kind.UNCHANGED, f.source(), id, Optional.empty()));
            } else {
                actions.add(new Action(Kind.CHANGE, f.source(), id, Optional.empty()));
            }
        }
        for (SyncEntry entry : gone) {
            actions.add(new Action(Kind.DELETE, entry.source(), entry.documentId(), Optional.empty()));
        }
        return new SyncPlan(actions);
    }

    /** The actions of one kind, in plan order. */
    public List<Action> of(Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    /** How many actions of each kind, every kind present. */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, 0);
        }
        actions.forEach(a -> counts.merge(a.kind(), 1, Integer::sum));
        return counts;
    }

    /** True when running the plan would change nothing. */
    public boolean isEmpty() {
        return actions.stream().allMatch(a -> a.kind() == Kind.UNCHANGED);
    }
}
