package dev.verity.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCachingEmbeddingModelTest {
    private final CountingEmbeddingModel model = new CountingEmbeddingModel();
    private final QueryCachingEmbeddingModel cached = new QueryCachingEmbeddingModel(model, 4, 3);

    @Test
    void passagesSeenBeforeAreNotEmbeddedAgainAndTheOrderIsKept() {
        cached.embedPassages(List.of("aa", "bbb"));

        List<float[]> vectors = cached.embedPassages(List.of("bbb", "c", "aa", "c"));

        assertThat(vectors).extracting(v -> v[0]).containsExactly(3f, 1f, 2f, 1f);
        assertThat(model.embedded).containsExactly("aa", "bbb", "c");
    }

    @Test
    void theLeastRecentlyUsedPassageGoesFirstWhenTheCacheIsFull() {
        cached.embedPassages(List.of("a", "bb", "ccc"));
        cached.embedPassages(List.of("a"));
        cached.embedPassages(List.of("dddd"));

        cached.embedPassages(List.of("a", "bb"));

        assertThat(model.embedded).containsExactly("a", "bb", "ccc", "dddd", "bb");
    }

    @Test
    void callersCannotChangeWhatIsCached() {
        cached.embedPassages(List.of("aa")).getFirst()[0] = 99;

        assertThat(cached.embedPassages(List.of("aa")).getFirst()[0]).isEqualTo(2f);
    }
}
