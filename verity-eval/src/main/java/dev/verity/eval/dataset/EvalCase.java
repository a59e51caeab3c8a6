package dev.verity.eval.dataset;

import dev.verity.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One question of an evaluation dataset and what a good answer to it looks like.
 *
 * @param id unique within the dataset
 * @param question the question as a user would ask it
 * @param answerable false when the documents do not answer it (the right outcome is an abstention)
 * @param expectedSources the documents (source names as ingested) that answer it
 * @param expectedPages 1-based pages or slides of those sources that hold the answer; empty when not labelled
 * @param mustContain strings a right answer contains (matched ignoring case and runs of whitespace)
 * @param mustNotContain strings that must never appear in the answer or its quotes (restricted values)
 * @param principals the caller's principals when asking
 * @param referenceAnswer the reference answer for exact match and token F1; empty when there is none
 * @param tags labels for the per-tag breakdown of the report
 * @param relevance graded relevance of documents, by source name (a BEIR qrel's score; 1 for each expected source of a
 *     Verity case); a grade above 0 is relevant
 */
public record EvalCase(
        String id,
        String question,
        boolean answerable,
        List<String> expectedSources,
        List<Integer> expectedPages,
        List<String> mustContain,
        List<String> mustNotContain,
        Set<String> principals,
        String referenceAnswer,
        List<String> tags,
        Map<String, Integer> relevance) {

    public EvalCase {
        Checks.nonBlank(id, "id");
        Checks.nonBlank(question, "question");
        expectedSources = List.copyOf(expectedSources);
        expectedPages = List.copyOf(expectedPages);
        mustContain = List.copyOf(mustContain);
        mustNotContain = List.copyOf(mustNotContain);
        principals = Collections.unmodifiableSortedSet(new TreeSet<>(principals));
        Objects.requireNonNull(referenceAnswer, "referenceAnswer");
        tags = List.copyOf(tags);
        relevance = Collections.unmodifiableMap(new LinkedHashMap<>(relevance));
        for (int page : expectedPages) {
            if (page < 1) {
                throw new IllegalArgumentException("expected pages are 1-based, got " + page + " in case " + id);
            }
        }
    }

    /** A case of a Verity dataset: every expected source is relevant with grade 1. */
    public static EvalCase of(
            String id,
            String question,
            boolean answerable,
            List<String> expectedSources,
            List<Integer> expectedPages,
            List<String> mustContain,
            List<String> mustNotContain,
            Set<String> principals,
            String referenceAnswer,
            List<String> tags) {
        Map<String, Integer> relevance = new LinkedHashMap<>();
        expectedSources.forEach(source -> relevance.put(source, 1));
        return new EvalCase(
                id,
                question,
                answerable,
                expectedSources,
                expectedPages,
                mustContain,
                mustNotContain,
                principals,
                referenceAnswer,
                tags,
                relevance);
    }

    /** True when some document is labelled relevant: only then are retrieval metrics defined for the case. */
    public boolean hasRelevantDocuments() {
        return relevance.values().stream().anyMatch(grade -> grade > 0);
    }
}
