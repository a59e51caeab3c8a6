package dev.verity.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {
    private static final class MapCache implements EmbeddingCache {
        final Map<String, float[]> vectors = new HashMap<>();

        @Override
        public Map<String, float[]> getAll(String modelId, Collection<String> hashes) {
            Map<String, float[]> found = new HashMap<>();
            hashes.forEach(h -> {
                if (vectors.containsKey(modelId + h)) {
                    found.put(h, vectors.get(modelId + h));
                }
            });
            return found;
        }

        @Override
        public void putAll(String modelId, Map<String, float[]> byHash) {
            byHash.forEach((h, v) -> vectors.put(modelId + h, v));
        }
    }

    @Test
    void embedsOnlyTextsTheCacheDoesNotKnowAndEachDistinctTextOnce() {
        CountingEmbeddingModel model = new CountingEmbeddingModel();
        CachingEmbedder embedder = new CachingEmbedder(model, new MapCache());

        CachingEmbedder.Result first = embedder.embed(List.of("a", "bb", "a"), List.of("h1", "h2", "h1"));
        CachingEmbedder.Result second = embedder.embed(List.of("bb", "ccc"), List.of("h2", "h3"));

        assertThat(model.embedded).containsExactly("a", "bb", "ccc");
        assertThat(first.vectors()).extracting(v -> v[0]).containsExactly(1f, 2f, 1f);
        assertThat(first.computed()).isEqualTo(2);
        assertThat(second.cacheHits()).isEqualTo(1);
        assertThat(second.computed()).isEqualTo(1);
        assertThat(second.vectors()).extracting(v -> v[0]).containsExactly(2f, 3f);
    }
}
