package dev.verity.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Context precision and recall of the passages handed to the answerer, against labelled evidence rather than a
 * model's opinion.
 *
 * <p>The labelled evidence units are the relevant documents, or, when pages are labelled, each relevant document's
 * labelled pages ({@code (source, page)} pairs). A passage is relevant when it comes from a relevant document and,
 * when pages are labelled, starts or ends on or spans one of them; a passage of a format without pages cannot match a
 * labelled page.
 *
 * <ul>
 *   <li>precision = relevant passages / passages retrieved (0 when none was retrieved);
 *   <li>recall = evidence units covered by some passage / evidence units.
 * </ul>
 */
public final class ContextMetrics {
    private ContextMetrics() {}

    public static double precision(List<Passage> passages, Map<String, Integer> relevance, List<Integer> pages) {
        if (passages.isEmpty()) {
            return 0;
        }
        long relevant =
                passages.stream().filter(p -> isRelevant(p, relevance, pages)).count();
        return (double) relevant / passages.size();
    }

    public static double recall(List<Passage> passages, Map<String, Integer> relevance, List<Integer> pages) {
        List<Unit> units = units(relevance, pages);
        if (units.isEmpty()) {
            return 0;
        }
        long covered = units.stream()
                .filter(u -> passages.stream().anyMatch(u::coveredBy))
                .count();
        return (double) covered / units.size();
    }

    /** Whether one passage is labelled evidence (see the class comment). */
    public static boolean isRelevant(Passage passage, Map<String, Integer> relevance, List<Integer> pages) {
        Integer grade = relevance.get(passage.source());
        if (grade == null || grade <= 0) {
            return false;
        }
        return pages.isEmpty() || pages.stream().anyMatch(passage::covers);
    }

    private static List<Unit> units(Map<String, Integer> relevance, List<Integer> pages) {
        List<Unit> units = new ArrayList<>();
        relevance.forEach((source, grade) -> {
            if (grade > 0) {
                if (pages.isEmpty()) {
                    units.add(new Unit(source, 0));
                } else {
                    pages.forEach(page -> units.add(new Unit(source, page)));
                }
            }
        });
        return units;
    }

    private record Unit(String source, int page) {
        boolean coveredBy(Passage passage) {
            return passage.source().equals(source) && (page == 0 || passage.covers(page));
        }
    }
}
