package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.embedding.EmbeddingCache;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EmbeddingCache} must do. */
public abstract class EmbeddingCacheContract {
    protected EmbeddingCache cache;

    protected abstract EmbeddingCache openCache();

    @BeforeEach
    void open() {
        cache = openCache();
    }

    @Test
    void returnsStoredVectorsExactlyAndOnlyForTheirModel() {
        float[] v = {0.25f, -1.5f, 3.0e-7f};
        cache.putAll("model-a", Map.of("h1", v));

        assertThat(cache.getAll("model-a", List.of("h1", "h2"))).containsOnlyKeys("h1");
        assertThat(cache.getAll("model-a", List.of("h1")).get("h1")).containsExactly(v);
        assertThat(cache.getAll("model-b", List.of("h1"))).isEmpty();
    }

    @Test
    void storingAKnownHashAgainKeepsTheFirstVectorAndDoesNotFail() {
        cache.putAll("m", Map.of("h", new float[] {1f}));
        cache.putAll("m", Map.of("h", new float[] {2f}, "g", new float[] {3f}));

        assertThat(cache.getAll("m", List.of("h")).get("h")).containsExactly(1f);
        assertThat(cache.getAll("m", List.of("g")).get("g")).containsExactly(3f);
    }

    @Test
    void looksUpMoreHashesThanOneStatementTakes() {
        Map<String, float[]> many = new java.util.HashMap<>();
        for (int i = 0; i < 1_200; i++) {
            many.put("hash-" + i, new float[] {i});
        }
        cache.putAll("m", many);

        assertThat(cache.getAll("m", many.keySet())).hasSize(1_200);
    }
}
