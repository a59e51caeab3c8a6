package dev.verity.generation.answer;

import dev.verity.document.Sentences;
import dev.verity.document.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where a quote that a model wrote stands in a chunk, so that the citation shown is the chunk's own words.
 * Models copy faithfully but not always exactly: they change line breaks and spacing, or the case of a word. The
 * located quote is always an exact substring of the text.
 */
public final class QuoteLocator {
    /** Share of a quote's words a sentence must contain to stand in for a quote that matches nowhere exactly. */
    private static final double MIN_WORD_OVERLAP = 0.6;

    private QuoteLocator() {}

    /**
     * The exact substring of {@code text} that {@code quote} stands for: the quote itself when it occurs verbatim;
     * else the same words with different whitespace or case; else the sentence of {@code text} holding most of the
     * quote's words (at least 60 %); else empty.
     */
    public static Optional<String> locate(String text, String quote) {
        String q = quote.strip();
        if (q.isEmpty()) {
            return Optional.empty();
        }
        if (text.contains(q)) {
            return Optional.of(q);
        }
        Optional<String> relaxed = relaxedMatch(text, q);
        if (relaxed.isPresent()) {
            return relaxed;
        }
        return bestSentence(text, q);
    }

    /** Matches ignoring case and treating any run of whitespace as one space; maps the match back to the text. */
    private static Optional<String> relaxedMatch(String text, String quote) {
        StringBuilder folded = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!space) {
                    origin[folded.length()] = i;
                    folded.append(' ');
                    space = true;
                }
            } else {
                origin[folded.length()] = i;
                folded.append(Character.toLowerCase(c));
                space = false;
            }
        }
        String needle = quote.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int at = folded.indexOf(needle);
        if (at < 0) {
            return Optional.empty();
        }
        int start = origin[at];
        int end = origin[at + needle.length() - 1] + 1;
        return Optional.of(text.substring(start, end));
    }

    private static Optional<String> bestSentence(String text, String quote) {
        Set<String> wanted = words(quote);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        double bestShare = 0;
        List<Span> spans = Sentences.split(text);
        for (Span span : spans) {
            String sentence = text.substring(span.start(), span.end());
            Set<String> found = words(sentence);
            found.retainAll(wanted);
            double share = (double) found.size() / wanted.size();
            if (share > bestShare) {
                bestShare = share;
                best = sentence;
            }
        }
        return bestShare >= MIN_WORD_OVERLAP ? Optional.of(best) : Optional.empty();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
