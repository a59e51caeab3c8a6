package dev.verity.eval.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a dataset in the BEIR layout: {@code queries.jsonl} ({@code _id}, {@code text}), {@code qrels/<split>.tsv}
 * ({@code query-id corpus-id score}, tab-separated, an optional header line) and {@code corpus.jsonl} ({@code _id},
 * {@code title}, {@code text}; read by {@link BeirCorpus}).
 *
 * <pre>{@code
 * Dataset scifact = Beir.read(Path.of("beir-scifact"), "train");
 * }</pre>
 *
 * The cases are the queries that have qrels in the split, in the order of {@code queries.jsonl}; each case's
 * relevance is its qrels, by corpus {@code _id} (which is the source name a BEIR document is ingested under). The
 * split is the caller's choice because some sets ship only some splits.
 */
public final class Beir {
    public static final String DEFAULT_SPLIT = "test";
    static final String QUERIES = "queries.jsonl";
    static final String QRELS = "qrels";

    private Beir() {}

    public static Dataset read(Path folder, String split) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("a BEIR dataset is a folder holding corpus.jsonl, queries.jsonl and qrels/;"
                    + " no such folder: " + folder);
        }
        Path qrelsFile = folder.resolve(QRELS).resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new DatasetException(
                    "no qrels for split \"" + split + "\": " + qrelsFile + " does not exist" + splitsHint(folder));
        }
        Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
        Map<String, String> queries = readQueries(folder.resolve(QUERIES));
        for (String queryId : qrels.keySet()) {
            if (!queries.containsKey(queryId)) {
                throw new DatasetException(
                        qrelsFile + ": query \"" + queryId + "\" has qrels but is not in " + folder.resolve(QUERIES));
            }
        }
        List<EvalCase> cases = new ArrayList<>();
        queries.forEach((id, text) -> {
            Map<String, Integer> relevance = qrels.get(id);
            if (relevance != null) {
                List<String> relevant = relevance.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey)
                        .toList();
                cases.add(new EvalCase(
                        id, text, true, relevant, List.of(), List.of(), List.of(), Set.of(), "", List.of(), relevance));
            }
        });
        return new Dataset(folder.toString(), DatasetFormat.BEIR, Optional.of(split), cases, false);
    }

    /** Query id to corpus id to graded relevance, in file order. */
    static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || (number == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] cells = line.strip().split("\t");
                if (cells.length != 3) {
                    throw DatasetException.at(
                            file.toString(),
                            number,
                            "expected 3 tab-separated columns (query-id," + " corpus-id, score), got " + cells.length
                                    + ": " + JsonLine.quote(line));
                }
                int score;
                try {
                    score = Integer.parseInt(cells[2].strip());
                } catch (NumberFormatException e) {
                    throw DatasetException.at(
                            file.toString(),
                            number,
                            "the score must be a whole number, got " + JsonLine.quote(cells[2]));
                }
                Integer earlier = qrels.computeIfAbsent(cells[0].strip(), q -> new LinkedHashMap<>())
                        .put(cells[1].strip(), score);
                if (earlier != null) {
                    throw DatasetException.at(
                            file.toString(),
                            number,
                            "query \"" + cells[0].strip() + "\" judges document \"" + cells[1].strip() + "\" twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (qrels.isEmpty()) {
            throw new DatasetException(file + ": no qrels");
        }
        return qrels;
    }

    /** Query id to text, in file order. */
    static Map<String, String> readQueries(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("no queries: " + file + " does not exist");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonLine line = JsonLine.parse(file.toString(), number, text);
                String id = line.requiredString("_id");
                if (queries.put(id, line.requiredString("text")) != null) {
                    throw line.error("duplicate query id \"" + id + "\"");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return queries;
    }

    private static String splitsHint(Path folder) {
        Path qrels = folder.resolve(QRELS);
        if (!Files.isDirectory(qrels)) {
            return "; the folder has no qrels/ at all";
        }
        try (Stream<Path> files = Files.list(qrels)) {
            Set<String> splits = new TreeSet<>();
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tsv"))
                    .forEach(n -> splits.add(n.substring(0, n.length() - 4)));
            return splits.isEmpty()
                    ? "; qrels/ holds no .tsv file"
                    : "; splits here: " + String.join(", ", splits) + " (choose one with --split)";
        } catch (IOException e) {
            return "";
        }
    }
}
