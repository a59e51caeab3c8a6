package dev.verity.embedding;

import java.util.ArrayList;
import java.util.List;

/** Records what reaches the model; a text's vector is its length, so results are checkable. */
final class CountingEmbeddingModel implements EmbeddingModel {
    final List<String> embedded = new ArrayList<>();

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public TokenCounter tokenCounter() {
        return TokenCounter.whitespace();
    }

    @Override
    public float[] embedQuery(String query) {
        return new float[] {query.length()};
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        embedded.addAll(passages);
        return passages.stream().map(p -> new float[] {p.length()}).toList();
    }
}
