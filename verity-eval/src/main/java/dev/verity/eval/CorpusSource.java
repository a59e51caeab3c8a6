package dev.verity.eval;

import dev.verity.eval.dataset.BeirCorpus;
import dev.verity.eval.dataset.DatasetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Files ingested before an evaluation, visible to the principals in {@code acl} (everyone when empty). A BEIR corpus
 * is converted to one text file per document first.
 *
 * <pre>{@code
 * CorpusSource.of(Path.of("samples/corpus"), DatasetFormat.VERITY);
 * CorpusSource.restricted(Path.of("samples/restricted"), Set.of("hr"));
 * }</pre>
 *
 * @param path a file or folder; for a BEIR corpus the dataset folder or its {@code corpus.jsonl}
 * @param acl the principals that may see the documents; empty: everyone
 * @param beir whether {@code path} is a BEIR corpus
 */
public record CorpusSource(Path path, Set<String> acl, boolean beir) {
    public CorpusSource {
        Objects.requireNonNull(path, "path");
        acl = Set.copyOf(acl);
    }

    /**
     * {@code path}, visible to everyone, read as the dataset's format has it: a BEIR dataset's corpus is its folder or
     * its {@code corpus.jsonl}, anything else files and folders.
     *
     * @throws IllegalArgumentException when a BEIR dataset's corpus has no {@code corpus.jsonl}
     */
    public static CorpusSource of(Path path, DatasetFormat format) {
        boolean beir = format == DatasetFormat.BEIR;
        if (beir && !Files.isRegularFile(beirCorpus(path))) {
            throw new IllegalArgumentException(
                    "--corpus of a BEIR dataset is its folder or its corpus.jsonl; no " + beirCorpus(path));
        }
        return new CorpusSource(path, Set.of(), beir);
    }

    /** Files and folders visible only to {@code acl}. */
    public static CorpusSource restricted(Path path, Set<String> acl) {
        return new CorpusSource(path, acl, false);
    }

    /** The BEIR {@code corpus.jsonl}: in {@link #path()} when that is a folder, else the path itself. */
    Path beirCorpus() {
        return beirCorpus(path);
    }

    /** How a report names it: the path, and the principals when restricted: {@code samples/restricted (acl hr)}. */
    String describe() {
        return path + (acl.isEmpty() ? "" : " (acl " + String.join(",", new TreeSet<>(acl)) + ")");
    }

    private static Path beirCorpus(Path path) {
        return Files.isDirectory(path) ? path.resolve(BeirCorpus.FILE) : path;
    }
}
