package dev.verity.conversation;

import dev.verity.query.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic, offline {@link QuestionCondenser} for English questions. It resolves a follow-up against the
 * most recent question of the conversation (its standalone form, so references chain across turns) and aims at what
 * retrieval needs, the right content words, rather than at elegant prose.
 *
 * <p>The rules, in order (the unit test holds a table of cases):
 *
 * <ol>
 *   <li><b>Reference.</b> The follow-up refers back when it holds one of <i>it, they, them, he, him, she, her,
 *       its, their, his, this, that, these, those, there</i> (contractions such as <i>it's</i> too), except where
 *       the word does not point back: <i>that/this</i> right after a content word ("the policy that covers…",
 *       "…leave this year") or before a time word ("this year"); <i>there</i> next to a form of <i>be</i> ("is
 *       there…"); <i>it</i> in "is it possible to…"/"is it true that…". The first reference is replaced by the
 *       <b>topic</b> of the previous question:
 *       <ul>
 *         <li>a pronoun becomes the topic: "How many days do they get?" → "How many days do the vacation policy for
 *             staff get?";
 *         <li>a possessive and its noun become "the noun of topic": "What is its top speed?" → "What is the top
 *             speed of the Tern T2?";
 *         <li><i>there</i> becomes "at topic" ("to topic" after a verb of motion);
 *         <li>a demonstrative and its noun become the topic when the noun occurs in the previous question ("When
 *             was that policy changed?" → "When was the vacation policy for staff changed?"); otherwise only the
 *             demonstrative is replaced ("How much does this robot cost?" → "How much does the Tern T2 robot
 *             cost?"), which also suits a demonstrative before a verb ("Does that include weekends?").
 *       </ul>
 *       The topic is the longest noun phrase of the previous question: a run of content words, which may be joined
 *       by <i>of, for, in, on, at, from, with, per</i>, with its leading article. For singular references (<i>it,
 *       its, this, that, he, she, there</i>) a part of it holding a name (a capitalised word not first in the
 *       question, or a word with digits) wins: "the Tern T2" rather than "the maximum payload of the Tern T2".
 *   <li><b>Ellipsis.</b> Otherwise the follow-up is elliptical when it is a fragment after <i>what about, how about,
 *       same</i>, or after <i>and, but, or, also, so, plus</i> not followed by a question word, an auxiliary or a
 *       subject pronoun ("and for managers?", "what about the Tern T3?"); when it starts with a preposition and has
 *       no question word or auxiliary ("For managers?"); or when it has no content word at all ("Why?", "How
 *       much?"). The fragment then edits the previous question:
 *       <ul>
 *         <li>a fragment starting with a preposition replaces the previous question's last phrase with the same
 *             preposition: "What is the vacation policy for staff?" + "and for managers?" → "What is the vacation
 *             policy for managers?";
 *         <li>a noun phrase replaces the previous question's final noun phrase when that follows an article or a
 *             preposition: "What is the maximum payload of the Tern T2?" + "what about the Tern T3?" → "What is the
 *             maximum payload of the Tern T3?".
 *       </ul>
 *   <li><b>Self-contained.</b> Otherwise the follow-up is kept as typed.
 *   <li><b>Last resort.</b> A follow-up that needs context but matches no edit above becomes "previous question:
 *       follow-up" ("Is remote work limited to 3 days: why?"). When the previous question has no content word to
 *       resolve against, and when a rewrite would be longer than {@link QueryRequest#MAX_QUESTION_CHARS}, the
 *       follow-up is kept as typed.
 * </ol>
 *
 * <p>Trap: the rules know English function words only. A reference without a marker ("How many days?") is taken as
 * self-contained; a language model ({@code LlmQuestionCondenser}) catches those.
 */
public final class RuleBasedCondenser implements QuestionCondenser {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’][\\p{L}\\p{N}]+)*");

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    private static final Set<String> DETERMINERS = Set.of(
            "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "his", "her", "its", "their",
            "some", "any", "each", "every", "no", "all", "both", "either", "neither");
    private static final Set<String> PREPOSITIONS = Set.of(
            "of",
            "for",
            "in",
            "on",
            "at",
            "to",
            "from",
            "with",
            "by",
            "about",
            "into",
            "onto",
            "over",
            "under",
            "after",
            "before",
            "during",
            "between",
            "per",
            "than",
            "like",
            "without",
            "within",
            "across",
            "through",
            "via",
            "regarding",
            "versus",
            "vs",
            "towards",
            "toward",
            "upon",
            "among",
            "around",
            "behind",
            "beyond",
            "near",
            "outside",
            "inside",
            "since",
            "until");
    /** Prepositions that may join the words of one noun phrase ("policy for staff", "payload of the T2"). */
    private static final Set<String> LINKS = Set.of("of", "for", "in", "on", "at", "from", "with", "per");

    private static final Set<String> QUESTION_WORDS =
            Set.of("what", "which", "who", "whom", "whose", "when", "where", "why", "how");
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "be", "been", "being", "am");
    private static final Set<String> AUXILIARIES = Set.of(
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "can",
            "could", "will", "would", "shall", "should", "may", "might", "must");
    private static final Set<String> PRONOUNS = Set.of(
            "i",
            "me",
            "we",
            "us",
            "you",
            "he",
            "him",
            "she",
            "her",
            "it",
            "they",
            "them",
            "one",
            "ones",
            "myself",
            "yourself",
            "ourselves",
            "themselves",
            "itself",
            "mine",
            "yours",
            "ours",
            "theirs",
            "hers",
            "there");
    private static final Set<String> SUBJECT_PRONOUNS = Set.of("i", "we", "you", "he", "she", "it", "they", "there");
    private static final Set<String> CONNECTIVES = Set.of("and", "but", "or", "also", "so", "plus");
    private static final Set<String> OTHER_FUNCTION_WORDS = Set.of(
            "not", "yes", "here", "many", "much", "more", "most", "less", "least", "few", "often", "very", "just",
            "only", "still", "even", "again", "else", "please", "same", "such", "other", "another", "own", "if",
            "whether", "as", "now", "then", "too", "nor", "yet", "s");
    /** Verbs too common in questions to name a topic. */
    private static final Set<String> LIGHT_VERBS = Set.of(
            "get", "gets", "got", "getting", "give", "gives", "given", "take", "takes", "taken", "make", "makes",
            "need", "needs", "want", "wants", "know", "tell", "say", "let", "go", "goes", "come", "comes", "mean",
            "means", "happen", "happens");

    private static final Set<String> TIME_WORDS = Set.of(
            "year",
            "years",
            "month",
            "months",
            "week",
            "weeks",
            "day",
            "days",
            "quarter",
            "morning",
            "afternoon",
            "evening",
            "time",
            "season",
            "summer",
            "winter",
            "spring",
            "autumn",
            "fall");
    private static final Set<String> MOTION_VERBS =
            Set.of("get", "go", "come", "travel", "drive", "walk", "fly", "ride", "move", "return", "send", "ship");
    private static final Set<String> PERSONAL_REFERENCES = Set.of("it", "they", "them", "he", "him", "she");
    private static final Set<String> POSSESSIVE_REFERENCES = Set.of("its", "their", "his");
    private static final Set<String> DEMONSTRATIVES = Set.of("this", "that", "these", "those");
    private static final Set<String> PLURAL_REFERENCES = Set.of("they", "them", "their", "these", "those");

    @Override
    public Condensed condense(List<Turn> history, String followUp) {
        if (history.isEmpty()) {
            return new Condensed(followUp, RULES, Optional.empty());
        }
        return new Condensed(rewrite(history.getLast().standaloneQuestion(), followUp), RULES, Optional.empty());
    }

    /** The standalone form of {@code followUp} asked after {@code previous}. */
    static String rewrite(String previous, String followUp) {
        String rewritten = rewriteUnbounded(previous.strip(), followUp.strip());
        return rewritten.length() > QueryRequest.MAX_QUESTION_CHARS ? followUp : rewritten;
    }

    private static String rewriteUnbounded(String previous, String followUp) {
        List<Token> tokens = tokens(followUp);
        List<Token> before = tokens(previous);
        if (before.stream().noneMatch(Token::content)) {
            return followUp; // nothing to resolve against
        }
        for (int i = 0; i < tokens.size(); i++) {
            Reference reference = reference(tokens, i);
            if (reference != null) {
                return resolve(previous, before, followUp, tokens, i, reference);
            }
        }
        Optional<String> fragment = ellipsis(followUp, tokens);
        if (fragment.isPresent()) {
            return edit(previous, before, fragment.get()).orElseGet(() -> lastResort(previous, followUp));
        }
        return followUp;
    }

    /** What kind of reference the token at {@code i} is, or null when it does not refer back. */
    private static Reference reference(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        String word = token.base();
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        boolean nextIsNoun = next != null && next.content() && token.adjacent(next);
        if (word.equals("it") && expletive(tokens, i)) {
            return null;
        }
        if (PERSONAL_REFERENCES.contains(word) || (word.equals("her") && !nextIsNoun)) {
            return Reference.PRONOUN;
        }
        if (POSSESSIVE_REFERENCES.contains(token.lower()) || (word.equals("her") && nextIsNoun)) {
            return nextIsNoun ? Reference.POSSESSIVE : Reference.PRONOUN;
        }
        if (DEMONSTRATIVES.contains(word)) {
            if (previous != null && previous.content()) {
                return null; // "the policy that covers…", "…leave this year"
            }
            if (nextIsNoun && TIME_WORDS.contains(next.lower())) {
                return null; // "this year"
            }
            return nextIsNoun ? Reference.DEMONSTRATIVE : Reference.PRONOUN;
        }
        if (word.equals("there")) {
            boolean existential = token.suffix().equals("s")
                    || (previous != null && BE.contains(previous.lower()))
                    || (next != null && BE.contains(next.lower()));
            return existential ? null : Reference.PLACE;
        }
        return null;
    }

    /**
     * "Is it possible to work…", "it is true that…": an "it" before "be", or after it, followed by one word and
     * then "that" or "to" with a verb; the clause, not the history, is what "it" stands for.
     */
    private static boolean expletive(List<Token> tokens, int i) {
        int adjective;
        if (tokens.get(i).suffix().equals("s")) {
            adjective = i + 1;
        } else if (i + 1 < tokens.size() && BE.contains(tokens.get(i + 1).lower())) {
            adjective = i + 2;
        } else if (i > 0 && BE.contains(tokens.get(i - 1).lower())) {
            adjective = i + 1;
        } else {
            return false;
        }
        if (adjective + 1 >= tokens.size() || !tokens.get(adjective).content()) {
            return false;
        }
        String link = tokens.get(adjective + 1).lower();
        return link.equals("that")
                || (link.equals("to")
                        && adjective + 2 < tokens.size()
                        && tokens.get(adjective + 2).content());
    }

    private static String resolve(
            String previous, List<Token> before, String followUp, List<Token> tokens, int i, Reference reference) {
        Token token = tokens.get(i);
        boolean singular = !PLURAL_REFERENCES.contains(token.base());
        Optional<String> topic = topic(previous, before, singular);
        if (topic.isEmpty()) {
            return lastResort(previous, followUp);
        }
        boolean first = i == 0;
        int start = token.start();
        int end = token.end();
        String replacement;
        switch (reference) {
            case PRONOUN -> replacement = atStart(topic.get(), first) + expandContraction(token.suffix());
            case POSSESSIVE -> {
                int last = nounRunEnd(tokens, i + 1);
                end = tokens.get(last).end();
                replacement = (first ? "The " : "the ")
                        + followUp.substring(tokens.get(i + 1).start(), end) + " of " + atStart(topic.get(), false);
            }
            case PLACE -> {
                boolean motion =
                        i > 0 && MOTION_VERBS.contains(tokens.get(i - 1).lower());
                replacement = (motion ? "to " : "at ") + atStart(topic.get(), false);
            }
            case DEMONSTRATIVE -> {
                Set<String> earlier = stems(before);
                int mentioned = -1;
                for (int k = i + 1; k <= nounRunEnd(tokens, i + 1); k++) {
                    if (earlier.contains(stem(tokens.get(k).lower()))) {
                        mentioned = k;
                    }
                }
                if (mentioned >= 0) { // "that policy" after "the vacation policy for staff": the same thing
                    end = tokens.get(mentioned).end();
                    replacement = atStart(topic(previous, before, false).orElseThrow(), first);
                } else { // "this robot" after "the Tern T2", or a verb: "does that include…"
                    replacement = atStart(topic.get(), first);
                }
            }
            default -> throw new IllegalStateException("unknown reference " + reference);
        }
        return followUp.substring(0, start) + replacement + followUp.substring(end);
    }

    /**
     * The fragment of an elliptical follow-up ("for managers" in "and for managers?"), or empty when the follow-up is
     * a question of its own.
     */
    private static Optional<String> ellipsis(String followUp, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        while (i < tokens.size() && CONNECTIVES.contains(tokens.get(i).lower())) {
            i++;
        }
        boolean connective = i > 0;
        boolean explicit = false;
        if (i + 1 < tokens.size()
                && (tokens.get(i).lower().equals("what")
                        || tokens.get(i).lower().equals("how"))
                && tokens.get(i + 1).lower().equals("about")) {
            i += 2;
            explicit = true;
        } else if (i < tokens.size() && tokens.get(i).lower().equals("same")) {
            i++;
            explicit = true;
        }
        if (i >= tokens.size()) {
            return tokens.stream().anyMatch(Token::content) ? Optional.empty() : Optional.of(followUp);
        }
        Token head = tokens.get(i);
        String fragment = trimEnd(followUp.substring(head.start()));
        boolean clause = tokens.subList(i, tokens.size()).stream()
                .anyMatch(t -> QUESTION_WORDS.contains(t.lower()) || AUXILIARIES.contains(t.lower()));
        if (explicit) {
            return Optional.of(fragment);
        }
        if (connective
                && !QUESTION_WORDS.contains(head.lower())
                && !AUXILIARIES.contains(head.lower())
                && !SUBJECT_PRONOUNS.contains(head.base())) {
            return Optional.of(fragment);
        }
        if (PREPOSITIONS.contains(head.lower()) && !clause) {
            return Optional.of(fragment);
        }
        if (tokens.stream().noneMatch(Token::content)) {
            return Optional.of(trimEnd(followUp)); // "Why?", "How much?"
        }
        return Optional.empty();
    }

    /** The previous question edited by an elliptical fragment, when one of the editing rules applies. */
    private static Optional<String> edit(String previous, List<Token> before, String fragment) {
        List<Token> parts = tokens(fragment);
        if (parts.isEmpty() || parts.stream().noneMatch(Token::content)) {
            return Optional.empty();
        }
        Token head = parts.getFirst();
        if (PREPOSITIONS.contains(head.lower())) {
            for (int k = before.size() - 1; k >= 0; k--) {
                if (!before.get(k).lower().equals(head.lower())) {
                    continue;
                }
                int j = k + 1;
                while (j < before.size() && DETERMINERS.contains(before.get(j).lower())) {
                    j++;
                }
                if (j >= before.size() || !before.get(j).content()) {
                    return Optional.empty();
                }
                int last = nounRunEnd(before, j);
                return Optional.of(previous.substring(0, before.get(k).start())
                        + inside(fragment, head)
                        + previous.substring(before.get(last).end()));
            }
            return Optional.empty();
        }
        if (QUESTION_WORDS.contains(head.lower()) || AUXILIARIES.contains(head.lower())) {
            return Optional.empty();
        }
        int last = before.size() - 1;
        if (!before.get(last).content()
                || !trimEnd(previous.substring(before.get(last).end())).isEmpty()) {
            return Optional.empty();
        }
        int first = last;
        while (first > 0
                && before.get(first - 1).content()
                && before.get(first - 1).adjacent(before.get(first))) {
            first--;
        }
        if (first == 0) {
            return Optional.empty();
        }
        Token preceding = before.get(first - 1);
        if (ARTICLES.contains(preceding.lower())) {
            first--;
        } else if (!PREPOSITIONS.contains(preceding.lower())) {
            return Optional.empty();
        }
        return Optional.of(previous.substring(0, before.get(first).start())
                + inside(fragment, head)
                + previous.substring(before.get(last).end()));
    }

    /** A fragment put inside a question: "For managers" becomes "for managers", a name keeps its capital. */
    private static String inside(String fragment, Token head) {
        return head.content() ? fragment : Character.toLowerCase(fragment.charAt(0)) + fragment.substring(1);
    }

    private static String lastResort(String previous, String followUp) {
        return trimEnd(previous) + ": " + followUp;
    }

    /**
     * The longest noun phrase of {@code question}; for a singular reference, the part of it holding a name when there
     * is one. Empty when the question has no content word.
     */
    static Optional<String> topic(String question, List<Token> tokens, boolean preferName) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            if (!tokens.get(i).content()) {
                i++;
                continue;
            }
            int start = i > 0
                            && ARTICLES.contains(tokens.get(i - 1).lower())
                            && tokens.get(i - 1).adjacent(tokens.get(i))
                    ? i - 1
                    : i;
            int end = nounRunEnd(tokens, i);
            while (end + 2 < tokens.size()
                    && LINKS.contains(tokens.get(end + 1).lower())
                    && tokens.get(end).adjacent(tokens.get(end + 1))) {
                int next = end + 2;
                if (ARTICLES.contains(tokens.get(next).lower())
                        && next + 1 < tokens.size()
                        && tokens.get(next).adjacent(tokens.get(next + 1))) {
                    next++;
                }
                if (!tokens.get(next).content() || !tokens.get(end + 1).adjacent(tokens.get(end + 2))) {
                    break;
                }
                end = nounRunEnd(tokens, next);
            }
            spans.add(new int[] {start, end});
            i = end + 1;
        }
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        if (preferName) {
            for (int[] span : spans) {
                int chunkStart = span[0];
                for (int k = span[0]; k <= span[1] + 1; k++) {
                    if (k == span[1] + 1 || LINKS.contains(tokens.get(k).lower())) {
                        for (int n = chunkStart; n < k; n++) {
                            if (tokens.get(n).name() && n > 0) {
                                return Optional.of(question.substring(
                                        tokens.get(chunkStart).start(),
                                        tokens.get(k - 1).end()));
                            }
                        }
                        chunkStart = k + 1;
                    }
                }
            }
        }
        int[] best = spans.getFirst();
        for (int[] span : spans) {
            if (contentCount(tokens, span) > contentCount(tokens, best)) {
                best = span;
            }
        }
        return Optional.of(question.substring(
                tokens.get(best[0]).start(), tokens.get(best[1]).end()));
    }

    private static int contentCount(List<Token> tokens, int[] span) {
        int count = 0;
        for (int k = span[0]; k <= span[1]; k++) {
            count += tokens.get(k).content() ? 1 : 0;
        }
        return count;
    }

    /** The index of the last token of the run of adjacent content words that starts at {@code i}. */
    private static int nounRunEnd(List<Token> tokens, int i) {
        int end = i;
        while (end + 1 < tokens.size()
                && tokens.get(end + 1).content()
                && tokens.get(end).adjacent(tokens.get(end + 1))) {
            end++;
        }
        return end;
    }

    private static Set<String> stems(List<Token> tokens) {
        Set<String> stems = new java.util.HashSet<>();
        tokens.stream().filter(Token::content).forEach(t -> stems.add(stem(t.lower())));
        return stems;
    }

    private static String stem(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")
                ? word.substring(0, word.length() - 1)
                : word;
    }

    /** A topic put at the start of the question gets a capital; inside it, a leading article loses its capital. */
    private static String atStart(String topic, boolean first) {
        if (first) {
            return Character.toUpperCase(topic.charAt(0)) + topic.substring(1);
        }
        int space = topic.indexOf(' ');
        if (space > 0 && DETERMINERS.contains(topic.substring(0, space).toLowerCase(Locale.ROOT))) {
            return topic.substring(0, space).toLowerCase(Locale.ROOT) + topic.substring(space);
        }
        return topic;
    }

    private static String expandContraction(String suffix) {
        return switch (suffix) {
            case "" -> "";
            case "s" -> " is";
            case "re" -> " are";
            case "ll" -> " will";
            case "ve" -> " have";
            case "d" -> " would";
            default -> "'" + suffix;
        };
    }

    private static String trimEnd(String text) {
        return text.strip().replaceAll("[\\s?!.]+$", "");
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(new Token(text, m.group(), m.start(), m.end(), tokens.isEmpty()));
        }
        return tokens;
    }

    private enum Reference {
        /** "it", "they", "that": stands for the topic. */
        PRONOUN,
        /** "its price": the price of the topic. */
        POSSESSIVE,
        /** "that policy": a noun pointed at. */
        DEMONSTRATIVE,
        /** "there": the topic as a place. */
        PLACE
    }

    /** A word of a question and where it is. */
    record Token(String source, String text, int start, int end, boolean first) {
        String lower() {
            return text.toLowerCase(Locale.ROOT).replace('’', '\'');
        }

        /** The word without a contraction: "it" for "it's". */
        String base() {
            String lower = lower();
            int apostrophe = lower.indexOf('\'');
            return apostrophe < 0 ? lower : lower.substring(0, apostrophe);
        }

        /** The contraction: "s" for "it's", "" without one. */
        String suffix() {
            String lower = lower();
            int apostrophe = lower.indexOf('\'');
            return apostrophe < 0 ? "" : lower.substring(apostrophe + 1);
        }

        /** A word that carries meaning: not a function word, not a light verb, not a negated auxiliary. */
        boolean content() {
            String base = base();
            return !(DETERMINERS.contains(base)
                    || PREPOSITIONS.contains(base)
                    || QUESTION_WORDS.contains(base)
                    || AUXILIARIES.contains(base)
                    || PRONOUNS.contains(base)
                    || CONNECTIVES.contains(base)
                    || OTHER_FUNCTION_WORDS.contains(base)
                    || LIGHT_VERBS.contains(base)
                    || lower().endsWith("n't")
                    || (base.equals("long")
                            && source.substring(0, start)
                                    .strip()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith("how")));
        }

        /** A capitalised word or a word with digits and letters: likely a name ("Munich", "T2"). */
        boolean name() {
            boolean digits = text.chars().anyMatch(Character::isDigit);
            boolean letters = text.chars().anyMatch(Character::isLetter);
            return content() && ((!first && Character.isUpperCase(text.charAt(0))) || (digits && letters));
        }

        /** Only spaces between this word and {@code next}: they can belong to one phrase. */
        boolean adjacent(Token next) {
            return source.substring(end, next.start()).isBlank();
        }
    }
}
