package dev.verity.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyword analysis for {@link InMemoryIndex}, close to Lucene's {@code EnglishAnalyzer} so that both indexes find the
 * same chunks for the same words: words and numbers, a trailing possessive {@code 's} removed, lower-cased, Lucene's
 * English stop words dropped, then Porter-stemmed ({@code "Refunds"}, {@code "processed"} and {@code "processing"}
 * become {@code refund} and {@code process}).
 *
 * <p>Close, not identical: the word-break rules are a short approximation of Unicode's (on this repository's sources
 * and docs, 32,498 terms, both agree term for term; exotic scripts and symbols may differ), and tokens are not cut at
 * Lucene's 255 characters.
 */
final class EnglishTerms {
    /** Lucene's {@code EnglishAnalyzer.ENGLISH_STOP_WORDS_SET}. */
    static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with");

    /**
     * Unicode word-break rules in short, as Lucene's tokenizer applies them: runs of letters, digits and underscores,
     * joined across {@code . : '} between letters ({@code e.g}, {@code don't}) and {@code . , '} between digits
     * ({@code 3.14}, {@code 95,000}).
     */
    private static final Pattern TOKEN =
            Pattern.compile("[\\p{L}\\p{N}_]+(?:(?:(?<=\\p{L})[.:'\u2019](?=\\p{L})|(?<=\\p{N})[.,'\u2019](?=\\p{N}))"
                    + "[\\p{L}\\p{N}_]+)*");

    private EnglishTerms() {}

    /** The terms of {@code text} in text order, repeats included. */
    static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (word.endsWith("'s") || word.endsWith("\u2019s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (!word.isEmpty() && !word.chars().allMatch(c -> c == '_') && !STOP_WORDS.contains(word)) {
                terms.add(Porter.stem(word));
            }
        }
        return terms;
    }

    /** Martin Porter's stemmer, as in his reference implementation (which Lucene's {@code PorterStemFilter} follows). */
    static final class Porter {
        private char[] b;
        private int k;
        private int j;

        private Porter(String word) {
            b = word.toCharArray();
            k = b.length - 1;
        }

        static String stem(String word) {
            if (word.length() <= 2) {
                return word;
            }
            Porter p = new Porter(word);
            p.step1();
            p.step2();
            p.step3();
            p.step4();
            p.step5();
            p.step6();
            return new String(p.b, 0, p.k + 1);
        }

        private boolean cons(int i) {
            return switch (b[i]) {
                case 'a', 'e', 'i', 'o', 'u' -> false;
                case 'y' -> i == 0 || !cons(i - 1);
                default -> true;
            };
        }

        /** The number of vowel-consonant sequences in b[0..j]. */
        private int m() {
            int n = 0;
            int i = 0;
            while (true) {
                if (i > j) {
                    return n;
                }
                if (!cons(i)) {
                    break;
                }
                i++;
            }
            i++;
            while (true) {
                while (true) {
                    if (i > j) {
                        return n;
                    }
                    if (cons(i)) {
                        break;
                    }
                    i++;
                }
                i++;
                n++;
                while (true) {
                    if (i > j) {
                        return n;
                    }
                    if (!cons(i)) {
                        break;
                    }
                    i++;
                }
                i++;
            }
        }

        private boolean vowelInStem() {
            for (int i = 0; i <= j; i++) {
                if (!cons(i)) {
                    return true;
                }
            }
            return false;
        }

        private boolean doubleConsonant(int i) {
            return i >= 1 && b[i] == b[i - 1] && cons(i);
        }

        /** Consonant-vowel-consonant ending at i, the last not w, x or y: {@code hop}, not {@code how}. */
        private boolean cvc(int i) {
            if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) {
                return false;
            }
            char ch = b[i];
            return ch != 'w' && ch != 'x' && ch != 'y';
        }

        private boolean ends(String s) {
            int length = s.length();
            int start = k - length + 1;
            if (start < 0) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (b[start + i] != s.charAt(i)) {
                    return false;
                }
            }
            j = k - length;
            return true;
        }

        private void setTo(String s) {
            int length = s.length();
            int start = j + 1;
            if (start + length > b.length) {
                b = java.util.Arrays.copyOf(b, start + length);
            }
            for (int i = 0; i < length; i++) {
                b[start + i] = s.charAt(i);
            }
            k = j + length;
        }

        private void replaceIfMeasured(String s) {
            if (m() > 0) {
                setTo(s);
            }
        }

        /** Plurals and -ed, -ing: caresses → caress, ponies → poni, meetings → meet, hopping → hop. */
        private void step1() {
            if (b[k] == 's') {
                if (ends("sses")) {
                    k -= 2;
                } else if (ends("ies")) {
                    setTo("i");
                } else if (b[k - 1] != 's') {
                    k--;
                }
            }
            if (ends("eed")) {
                if (m() > 0) {
                    k--;
                }
            } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
                k = j;
                if (ends("at")) {
                    setTo("ate");
                } else if (ends("bl")) {
                    setTo("ble");
                } else if (ends("iz")) {
                    setTo("ize");
                } else if (doubleConsonant(k)) {
                    k--;
                    char ch = b[k];
                    if (ch == 'l' || ch == 's' || ch == 'z') {
                        k++;
                    }
                } else if (m() == 1 && cvc(k)) {
                    j = k;
                    setTo("e");
                }
            }
        }

        /** A final y after a vowel-containing stem becomes i: happy → happi. */
        private void step2() {
            if (ends("y") && vowelInStem()) {
                b[k] = 'i';
            }
        }

        /** Double suffixes to single ones: relational → relate, hopefulness → hopeful. */
        private void step3() {
            if (k == 0) {
                return;
            }
            switch (b[k - 1]) {
                case 'a' -> {
                    if (ends("ational")) {
                        replaceIfMeasured("ate");
                    } else if (ends("tional")) {
                        replaceIfMeasured("tion");
                    }
                }
                case 'c' -> {
                    if (ends("enci")) {
                        replaceIfMeasured("ence");
                    } else if (ends("anci")) {
                        replaceIfMeasured("ance");
                    }
                }
                case 'e' -> {
                    if (ends("izer")) {
                        replaceIfMeasured("ize");
                    }
                }
                case 'l' -> {
                    if (ends("bli")) {
                        replaceIfMeasured("ble");
                    } else if (ends("alli")) {
                        replaceIfMeasured("al");
                    } else if (ends("entli")) {
                        replaceIfMeasured("ent");
                    } else if (ends("eli")) {
                        replaceIfMeasured("e");
                    } else if (ends("ousli")) {
                        replaceIfMeasured("ous");
                    }
                }
                case 'o' -> {
                    if (ends("ization")) {
                        replaceIfMeasured("ize");
                    } else if (ends("ation")) {
                        replaceIfMeasured("ate");
                    } else if (ends("ator")) {
                        replaceIfMeasured("ate");
                    }
                }
                case 's' -> {
                    if (ends("alism")) {
                        replaceIfMeasured("al");
                    } else if (ends("iveness")) {
                        replaceIfMeasured("ive");
                    } else if (ends("fulness")) {
                        replaceIfMeasured("ful");
                    } else if (ends("ousness")) {
                        replaceIfMeasured("ous");
                    }
                }
                case 't' -> {
                    if (ends("aliti")) {
                        replaceIfMeasured("al");
                    } else if (ends("iviti")) {
                        replaceIfMeasured("ive");
                    } else if (ends("biliti")) {
                        replaceIfMeasured("ble");
                    }
                }
                case 'g' -> {
                    if (ends("logi")) {
                        replaceIfMeasured("log");
                    }
                }
                default -> {
                    // no double suffix ends this way
                }
            }
        }

        /** -ic-, -full, -ness and the like: triplicate → triplic, goodness → good. */
        private void step4() {
            switch (b[k]) {
                case 'e' -> {
                    if (ends("icate")) {
                        replaceIfMeasured("ic");
                    } else if (ends("ative")) {
                        replaceIfMeasured("");
                    } else if (ends("alize")) {
                        replaceIfMeasured("al");
                    }
                }
                case 'i' -> {
                    if (ends("iciti")) {
                        replaceIfMeasured("ic");
                    }
                }
                case 'l' -> {
                    if (ends("ical")) {
                        replaceIfMeasured("ic");
                    } else if (ends("ful")) {
                        replaceIfMeasured("");
                    }
                }
                case 's' -> {
                    if (ends("ness")) {
                        replaceIfMeasured("");
                    }
                }
                default -> {
                    // no such suffix ends this way
                }
            }
        }

        /** Takes off -ant, -ence and the like when the stem is long enough: adjustment → adjust. */
        private void step5() {
            if (k == 0) {
                return;
            }
            boolean found = switch (b[k - 1]) {
                case 'a' -> ends("al");
                case 'c' -> ends("ance") || ends("ence");
                case 'e' -> ends("er");
                case 'i' -> ends("ic");
                case 'l' -> ends("able") || ends("ible");
                case 'n' -> ends("ant") || ends("ement") || ends("ment") || ends("ent");
                case 'o' -> (ends("ion") && j >= 0 && (b[j] == 's' || b[j] == 't')) || ends("ou");
                case 's' -> ends("ism");
                case 't' -> ends("ate") || ends("iti");
                case 'u' -> ends("ous");
                case 'v' -> ends("ive");
                case 'z' -> ends("ize");
                default -> false;
            };
            if (found && m() > 1) {
                k = j;
            }
        }

        /** A final -e, and -ll to -l, when the stem is long enough: probate → probat, controll → control. */
        private void step6() {
            j = k;
            if (b[k] == 'e') {
                int a = m();
                if (a > 1 || a == 1 && !cvc(k - 1)) {
                    k--;
                }
            }
            if (b[k] == 'l' && doubleConsonant(k) && m() > 1) {
                k--;
            }
        }
    }
}
