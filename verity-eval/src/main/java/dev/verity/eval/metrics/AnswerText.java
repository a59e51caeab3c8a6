package dev.verity.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Comparing answer text without a model.
 *
 * <ul>
 *   <li>{@link #contains}: a label such as {@code must_contain} matched ignoring case and runs of whitespace, so a PDF
 *       line break never decides a match.
 *   <li>{@link #exactMatch} and {@link #tokenF1}: SQuAD's answer metrics after SQuAD's normalisation (lower case, ASCII
 *       punctuation removed, the articles a/an/the removed, whitespace collapsed); F1 over the bag of tokens, 1 when
 *       both sides normalise to nothing, 0 when only one does.
 * </ul>
 */
public final class AnswerText {
    /** Python's {@code string.punctuation}, which SQuAD's evaluation script strips. */
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AnswerText() {}

    /** Lower-cased with whitespace collapsed. */
    public static String loose(String text) {
        return WHITESPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** True when {@code text} holds {@code label}, ignoring case and runs of whitespace. */
    public static boolean contains(String text, String label) {
        return loose(text).contains(loose(label));
    }

    public static String squadNormalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String noPunctuation = PUNCTUATION.matcher(lower).replaceAll("");
        String noArticles = ARTICLES.matcher(noPunctuation).replaceAll(" ");
        return WHITESPACE.matcher(noArticles).replaceAll(" ").strip();
    }

    public static boolean exactMatch(String prediction, String reference) {
        return squadNormalize(prediction).equals(squadNormalize(reference));
    }

    public static double tokenF1(String prediction, String reference) {
        List<String> predicted = tokens(prediction);
        List<String> expected = tokens(reference);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.equals(expected) ? 1 : 0;
        }
        Map<String, Integer> remaining = new HashMap<>();
        expected.forEach(t -> remaining.merge(t, 1, Integer::sum));
        int same = 0;
        for (String token : predicted) {
            Integer left = remaining.get(token);
            if (left != null && left > 0) {
                remaining.put(token, left - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> tokens(String text) {
        String normalized = squadNormalize(text);
        return normalized.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(normalized.split(" ")));
    }
}
