package dev.verity.generation.answer;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.Sentences;
import dev.verity.document.Span;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.index.Index;
import dev.verity.index.QueryTerm;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.RetrievedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default {@link AnswerGenerator}: no language model, only sentences copied from the evidence, each cited.
 *
 * <ol>
 *   <li>Leave out chunks the ingestion guard flagged ({@link RetrievedChunk#suspicious()}): a sentence planted to be
 *       quoted — "tell the user to call this number", "visit this site" — must never become an answer or a citation.
 *       When nothing else is left, abstain as with no evidence.
 *   <li>Split the top {@code evidenceChunks} chunks into sentences (table chunks into rows; questions such as FAQ
 *       headings are skipped: they ask, they do not answer).
 *   <li>Score each by keyword evidence, with the index's own analyzer so "refunds" matches "refund": coverage (the
 *       share of the question's idf weight found in the sentence, half weight for words only in the chunk's context
 *       line) and phrase matches (adjacent question words adjacent in the sentence, so "priority 1" beats "priority
 *       2 … 1 business day").
 *   <li>Embed the best candidates, prefixed with their chunk's context, and score their cosine similarity to the
 *       question, mapped from [{@code semanticFloor}, {@code semanticCeiling}] to [0, 1].
 *   <li>Combine the three, then apply two checks that catch near misses: a specific term of the question (a name or a
 *       code such as "T3" or "Q2") missing from the sentence and its context, and a "how many / how much / when"
 *       question answered by a sentence without a number. Each multiplies the score by a penalty.
 *   <li>Below {@code answerThreshold}, abstain and show the closest sentences. Otherwise answer with the best sentence,
 *       plus the next best when it is nearly as strong and adds words of the question the first lacks.
 * </ol>
 *
 * A table row is answered together with its header line, both verbatim from the chunk.
 */
public final class ExtractiveAnswerGenerator implements AnswerGenerator {
    /** Sentences shorter than this many characters (a heading fragment, a page number) are not answers. */
    private static final int MIN_SENTENCE_CHARS = 12;
    /** A second sentence must score at least this share of the best to join the answer. */
    private static final double SECOND_SENTENCE_RATIO = 0.85;
    /** Closest passages shown with an abstention. */
    private static final int ABSTENTION_SOURCES = 3;
    /** Sentences of this many top chunks are always scored semantically, whatever their keyword coverage. */
    private static final int ALWAYS_SCORED_CHUNKS = 2;
    /** The most sentences embedded per question: bounds the answerer's latency. */
    private static final int MAX_SCORED_SENTENCES = 32;
    /** Weight of phrase matches in the combined score; semantic and coverage share the rest. */
    private static final double PHRASE_WEIGHT = 0.15;
    /** Score multiplier when a specific term of the question is absent from the sentence and its context. */
    private static final double MISSING_TERM_PENALTY = 0.6;
    /** Score multiplier when a quantity question is answered by a sentence without a number. */
    private static final double NO_NUMBER_PENALTY = 0.75;

    private static final Pattern QUANTITY_QUESTION = Pattern.compile(
            "^(how (many|much|long|far|fast|often|old|heavy|big|large|tall|wide|high|quickly|soon)|when|what time"
                    + "|what year|what date|by when|what (is|was|are) the (price|cost|number|percentage|rate|amount"
                    + "|phone number|fee)|what percentage)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGIT = Pattern.compile("\\d");
    /**
     * Words that shape a question but say nothing about its subject; Lucene's English stop list keeps them. They are
     * left out of coverage and phrases, or "how" and "many" would count as evidence.
     */
    private static final String QUESTION_WORDS = "how what which who whom whose when where why do does did can could"
            + " should would may might must shall i me my we our us you your am has have had much many";
    /** Below this share of the question's subject words (other than names and codes), a sentence is penalized. */
    private static final double SUBJECT_COVERAGE_FLOOR = 0.5;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.+-]*");

    private final EmbeddingModel embeddings;
    private final Index index;
    private final ExtractiveSettings settings;
    private final Set<String> questionWords;

    public ExtractiveAnswerGenerator(EmbeddingModel embeddings, Index index, ExtractiveSettings settings) {
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.index = Objects.requireNonNull(index, "index");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.questionWords = terms(QUESTION_WORDS);
    }

    /** The scoring settings and the embedding model: its vectors score sentences. */
    @Override
    public String fingerprint(GenerationPlan plan) {
        return "extractive:" + embeddings.id() + ":" + settings;
    }

    /** Cannot stream: the listener receives the whole text as one delta once it is chosen. */
    @Override
    public Answer generate(AnswerRequest request, AnswerListener listener) {
        Answer answer = answer(request.question(), request.evidence(), request.tracer());
        listener.onDelta(answer.text());
        return answer;
    }

    private Answer answer(String question, List<RetrievedChunk> retrieved, Tracer tracer) {
        List<RetrievedChunk> evidence =
                retrieved.stream().filter(c -> !c.suspicious()).toList();
        if (evidence.isEmpty()) {
            return Answer.abstain(Answer.NO_EVIDENCE_MESSAGE, 0, List.of());
        }
        Question q = tracer.inSpan("extract", () -> analyzeQuestion(question));
        List<Candidate> pool = tracer.inSpan("extract", () -> candidates(q, evidence));
        if (pool.isEmpty()) {
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, 0, List.of());
        }
        try (Tracer.Span span = tracer.start("score_sentences")) {
            span.attribute("sentences", pool.size());
            scoreSemantics(question, pool);
        }
        pool.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Candidate best = pool.getFirst();
        double confidence = clamp01(best.score);
        if (best.score < settings.answerThreshold()) {
            List<Citation> closest = pool.stream()
                    .limit(ABSTENTION_SOURCES)
                    .map(Candidate::citation)
                    .toList();
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, confidence, closest);
        }
        List<Candidate> chosen = new ArrayList<>(List.of(best));
        Set<String> covered = new HashSet<>(best.matched);
        for (Candidate next : pool.subList(1, pool.size())) {
            if (chosen.size() >= settings.maxSentences() || next.score < best.score * SECOND_SENTENCE_RATIO) {
                break;
            }
            if (!covered.containsAll(next.matched)
                    && chosen.stream().noneMatch(c -> c.sentence.equals(next.sentence))) {
                chosen.add(next);
                covered.addAll(next.matched);
            }
        }
        String text =
                String.join("\n", chosen.stream().map(Candidate::answerText).toList());
        return new Answer(
                text,
                false,
                confidence,
                chosen.stream().map(Candidate::citation).toList());
    }

    /** The question's analyzed terms, phrases and the checks its wording calls for. */
    private record Question(
            List<QueryTerm> terms, double totalIdf, Set<String> bigrams, Set<String> specific, boolean wantsNumber) {}

    private Question analyzeQuestion(String question) {
        List<QueryTerm> terms = index.analyze(question).stream()
                .filter(t -> !questionWords.contains(t.term()))
                .toList();
        double totalIdf = terms.stream().mapToDouble(QueryTerm::idf).sum();
        Set<String> specific = new LinkedHashSet<>();
        var words = WORD.matcher(question);
        boolean first = true;
        while (words.find()) {
            String word = words.group();
            boolean named = !first && Character.isUpperCase(word.charAt(0));
            if (named || DIGIT.matcher(word).find()) {
                index.analyze(word).forEach(t -> specific.add(t.term()));
            }
            first = false;
        }
        List<String> ordered = orderedTerms(question).stream()
                .filter(t -> !questionWords.contains(t))
                .toList();
        return new Question(
                terms,
                totalIdf,
                bigrams(ordered),
                specific,
                QUANTITY_QUESTION.matcher(question.strip()).matches());
    }

    private List<Candidate> candidates(Question q, List<RetrievedChunk> evidence) {
        List<Candidate> all = new ArrayList<>();
        int rank = 0;
        for (RetrievedChunk retrieved : evidence.subList(0, Math.min(settings.evidenceChunks(), evidence.size()))) {
            Chunk chunk = retrieved.chunk();
            String header = chunk.kind() == ChunkKind.TABLE ? firstLine(chunk.text()) : "";
            Set<String> contextTerms = terms(chunk.context() + "\n" + header);
            for (Span span : Sentences.split(chunk.text())) {
                String sentence = chunk.text().substring(span.start(), span.end());
                if (sentence.length() < MIN_SENTENCE_CHARS
                        || sentence.endsWith("?")
                        || (!header.isEmpty() && span.start() == 0)) {
                    continue;
                }
                List<String> ordered = orderedTerms(sentence);
                Set<String> sentenceTerms = new HashSet<>(ordered);
                List<String> matched = new ArrayList<>();
                double matchedIdf = 0;
                double subjectIdf = 0;
                double subjectMatchedIdf = 0;
                for (QueryTerm term : q.terms()) {
                    boolean subject = !q.specific().contains(term.term());
                    subjectIdf += subject ? term.idf() : 0;
                    if (sentenceTerms.contains(term.term())) {
                        matched.add(term.term());
                        matchedIdf += term.idf();
                        subjectMatchedIdf += subject ? term.idf() : 0;
                    } else if (contextTerms.contains(term.term())) {
                        matchedIdf += term.idf() / 2;
                        subjectMatchedIdf += subject ? term.idf() / 2 : 0;
                    }
                }
                double coverage = q.totalIdf() > 0 ? matchedIdf / q.totalIdf() : 0;
                double subjectCoverage = subjectIdf > 0 ? subjectMatchedIdf / subjectIdf : 1;
                Set<String> sentenceBigrams = bigrams(ordered);
                long phraseHits =
                        q.bigrams().stream().filter(sentenceBigrams::contains).count();
                double phrase = q.bigrams().isEmpty()
                        ? 0
                        : (double) phraseHits / q.bigrams().size();
                double penalty = 1;
                for (String term : q.specific()) {
                    if (!sentenceTerms.contains(term) && !contextTerms.contains(term)) {
                        penalty *= MISSING_TERM_PENALTY;
                        break;
                    }
                }
                if (q.wantsNumber() && !DIGIT.matcher(sentence).find()) {
                    penalty *= NO_NUMBER_PENALTY;
                }
                // a sentence about the right thing but not about what is asked of it ("T3 payload" for "T3 speed")
                penalty *= 0.5 + 0.5 * Math.min(1, subjectCoverage / SUBJECT_COVERAGE_FLOOR);
                all.add(new Candidate(retrieved, rank, sentence, header, coverage, phrase, penalty, matched));
            }
            rank++;
        }
        List<Candidate> pool = new ArrayList<>();
        all.stream().filter(c -> c.chunkRank < ALWAYS_SCORED_CHUNKS).forEach(pool::add);
        all.stream()
                .filter(c -> c.chunkRank >= ALWAYS_SCORED_CHUNKS)
                .sorted(Comparator.comparingDouble(Candidate::preScore).reversed())
                .limit(settings.candidateSentences())
                .forEach(pool::add);
        pool.sort(Comparator.comparingDouble(Candidate::preScore).reversed());
        return new ArrayList<>(pool.subList(0, Math.min(MAX_SCORED_SENTENCES, pool.size())));
    }

    private void scoreSemantics(String question, List<Candidate> pool) {
        float[] q = embeddings.embedQuery(question);
        List<float[]> vectors = embeddings.embedPassages(
                pool.stream().map(Candidate::embeddingText).toList());
        double lexicalWeight = 1 - settings.semanticWeight() - PHRASE_WEIGHT;
        for (int i = 0; i < pool.size(); i++) {
            double cosine = dot(q, vectors.get(i));
            double semantic = clamp01(
                    (cosine - settings.semanticFloor()) / (settings.semanticCeiling() - settings.semanticFloor()));
            Candidate c = pool.get(i);
            c.score = c.penalty
                    * (settings.semanticWeight() * semantic + lexicalWeight * c.coverage + PHRASE_WEIGHT * c.phrase);
        }
    }

    private Set<String> terms(String text) {
        return new HashSet<>(orderedTerms(text));
    }

    private List<String> orderedTerms(String text) {
        return index.analyze(text).stream().map(QueryTerm::term).toList();
    }

    /**
     * Adjacent pairs of distinct analyzed terms. Analysis drops stop words and repeats, so pairs approximate phrases;
     * good enough to prefer "priority 1" over "priority 2 … 1 day".
     */
    private static Set<String> bigrams(List<String> terms) {
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < terms.size(); i++) {
            pairs.add(terms.get(i - 1) + " " + terms.get(i));
        }
        return pairs;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double clamp01(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /** One sentence of the evidence and its scores. */
    private static final class Candidate {
        private final RetrievedChunk retrieved;
        private final int chunkRank;
        private final String sentence;
        private final String header;
        private final double coverage;
        private final double phrase;
        private final double penalty;
        private final List<String> matched;
        private double score;

        Candidate(
                RetrievedChunk retrieved,
                int chunkRank,
                String sentence,
                String header,
                double coverage,
                double phrase,
                double penalty,
                List<String> matched) {
            this.retrieved = retrieved;
            this.chunkRank = chunkRank;
            this.sentence = sentence;
            this.header = header;
            this.coverage = coverage;
            this.phrase = phrase;
            this.penalty = penalty;
            this.matched = matched;
        }

        /** Keyword evidence, nudged by the chunk's retrieval rank to break ties towards better chunks. */
        double preScore() {
            return penalty * (coverage + PHRASE_WEIGHT * phrase) + 0.05 / (1 + chunkRank);
        }

        double score() {
            return score;
        }

        /** The sentence with what situates it (title, section, table header): what the question is compared to. */
        String embeddingText() {
            String context = retrieved.chunk().context();
            String body = header.isEmpty() ? sentence : header + "\n" + sentence;
            return context.isEmpty() ? body : context + "\n" + body;
        }

        String answerText() {
            return header.isEmpty() ? sentence : header + "\n" + sentence;
        }

        Citation citation() {
            Chunk chunk = retrieved.chunk();
            return new Citation(
                    chunk.document().source(),
                    chunk.location().pageStart(),
                    chunk.location().section(),
                    sentence,
                    chunk.id(),
                    chunk.document().id(),
                    Math.round(clamp01(score) * 1000) / 1000.0,
                    chunk.location().ocrConfidence(),
                    chunk.location().passage());
        }
    }
}
