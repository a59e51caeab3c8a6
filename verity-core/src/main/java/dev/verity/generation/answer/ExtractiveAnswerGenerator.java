package dev.verity.generation.answer;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.Span;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.index.Index;
import dev.verity.index.QueryTerm;
import dev.verity.internal.Sentences;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The default {@link AnswerGenerator}: no language model, only sentences copied from the evidence, each cited.
 *
 * <ol>
 *   <li>Split the top {@code evidenceChunks} chunks into sentences (table chunks into rows).
 *   <li>Score every sentence by keyword coverage: the share of the question's idf-weighted terms it contains, with the
 *       index's own analyzer, so "refunds" matches "refund".
 *   <li>Embed the best {@code candidateSentences} and score their cosine similarity to the question, mapped from
 *       [{@code semanticFloor}, {@code semanticCeiling}] to [0, 1].
 *   <li>Combine: {@code semanticWeight * semantic + (1 - semanticWeight) * coverage}. That is the confidence.
 *   <li>Below {@code answerThreshold}, abstain and show the closest sentences as sources. Otherwise answer with the best
 *       sentence, plus the next best when it is nearly as strong and adds words of the question the first lacks.
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

    private final EmbeddingModel embeddings;
    private final Index index;
    private final ExtractiveSettings settings;

    public ExtractiveAnswerGenerator(EmbeddingModel embeddings, Index index, ExtractiveSettings settings) {
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.index = Objects.requireNonNull(index, "index");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings) {
        if (evidence.isEmpty()) {
            return Answer.abstain(Answer.NO_EVIDENCE_MESSAGE, 0, List.of());
        }
        List<Candidate> pool = timings.time("extract", () -> rankByCoverage(question, evidence));
        if (pool.isEmpty()) {
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, 0, List.of());
        }
        timings.time("score_sentences", () -> {
            scoreSemantics(question, pool);
            return null;
        });
        pool.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Candidate best = pool.getFirst();
        double confidence = clamp01(best.score());
        if (best.score() < settings.answerThreshold()) {
            List<Citation> closest = pool.stream().limit(ABSTENTION_SOURCES).map(Candidate::citation).toList();
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, confidence, closest);
        }
        List<Candidate> chosen = new ArrayList<>(List.of(best));
        Set<String> covered = new HashSet<>(best.matchedTerms());
        for (Candidate next : pool.subList(1, pool.size())) {
            if (chosen.size() >= settings.maxSentences() || next.score() < best.score() * SECOND_SENTENCE_RATIO) {
                break;
            }
            if (!covered.containsAll(next.matchedTerms()) && !sameText(chosen, next)) {
                chosen.add(next);
                covered.addAll(next.matchedTerms());
            }
        }
        String text = String.join("\n", chosen.stream().map(Candidate::answerText).toList());
        return new Answer(text, false, confidence, chosen.stream().map(Candidate::citation).toList());
    }

    private List<Candidate> rankByCoverage(String question, List<RetrievedChunk> evidence) {
        List<QueryTerm> questionTerms = index.analyze(question);
        double totalIdf = questionTerms.stream().mapToDouble(QueryTerm::idf).sum();
        List<Candidate> all = new ArrayList<>();
        int rank = 0;
        for (RetrievedChunk retrieved : evidence.subList(0, Math.min(settings.evidenceChunks(), evidence.size()))) {
            Chunk chunk = retrieved.chunk();
            String header = chunk.kind() == ChunkKind.TABLE ? firstLine(chunk.text()) : "";
            for (Span span : Sentences.split(chunk.text())) {
                String sentence = chunk.text().substring(span.start(), span.end());
                if (sentence.length() < MIN_SENTENCE_CHARS || (!header.isEmpty() && span.start() == 0)) {
                    continue;
                }
                Set<String> sentenceTerms = new HashSet<>();
                index.analyze(header.isEmpty() ? sentence : header + "\n" + sentence)
                        .forEach(t -> sentenceTerms.add(t.term()));
                List<String> matched = new ArrayList<>();
                double matchedIdf = 0;
                for (QueryTerm term : questionTerms) {
                    if (sentenceTerms.contains(term.term())) {
                        matched.add(term.term());
                        matchedIdf += term.idf();
                    }
                }
                double coverage = totalIdf > 0 ? matchedIdf / totalIdf : 0;
                all.add(new Candidate(retrieved, rank, sentence, header, coverage, matched));
            }
            rank++;
        }
        all.sort(Comparator.comparingDouble(Candidate::preScore).reversed());
        return new ArrayList<>(all.subList(0, Math.min(settings.candidateSentences(), all.size())));
    }

    private void scoreSemantics(String question, List<Candidate> pool) {
        float[] q = embeddings.embedQuery(question);
        List<float[]> vectors = embeddings.embedPassages(pool.stream().map(Candidate::embeddingText).toList());
        for (int i = 0; i < pool.size(); i++) {
            double cosine = dot(q, vectors.get(i));
            double semantic = clamp01((cosine - settings.semanticFloor())
                    / (settings.semanticCeiling() - settings.semanticFloor()));
            Candidate c = pool.get(i);
            c.score = settings.semanticWeight() * semantic + (1 - settings.semanticWeight()) * c.coverage;
        }
    }

    private static boolean sameText(List<Candidate> chosen, Candidate next) {
        return chosen.stream().anyMatch(c -> c.sentence.equals(next.sentence));
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
        private final List<String> matchedTerms;
        private double score;

        Candidate(
                RetrievedChunk retrieved,
                int chunkRank,
                String sentence,
                String header,
                double coverage,
                List<String> matchedTerms) {
            this.retrieved = retrieved;
            this.chunkRank = chunkRank;
            this.sentence = sentence;
            this.header = header;
            this.coverage = coverage;
            this.matchedTerms = matchedTerms;
        }

        /** Coverage, nudged by the chunk's retrieval rank to break ties towards better chunks. */
        double preScore() {
            return coverage + 0.05 / (1 + chunkRank);
        }

        double score() {
            return score;
        }

        List<String> matchedTerms() {
            return matchedTerms;
        }

        String embeddingText() {
            return header.isEmpty() ? sentence : header + "\n" + sentence;
        }

        String answerText() {
            return embeddingText();
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
                    Math.round(clamp01(score) * 1000) / 1000.0);
        }
    }
}
