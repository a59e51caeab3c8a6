package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.retrieval.rerank.Reranker;
import org.junit.jupiter.api.Test;

class PassThroughRerankerTest extends RerankerContract {

    @Override
    protected Reranker openReranker() {
        return Reranker.passThrough();
    }

    @Test
    void keepsFusionsOrderAndScores() {
        assertThat(reranker.rerank(QUERY, CANDIDATES, 3)).isEqualTo(CANDIDATES.subList(0, 3));
        assertThat(reranker.candidates(8)).isEqualTo(8);
    }
}
