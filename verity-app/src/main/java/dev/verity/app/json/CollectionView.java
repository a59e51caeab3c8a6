package dev.verity.app.json;

import dev.verity.ingestion.consistency.CatalogService.CollectionSummary;

/**
 * A collection as a caller sees it, listed by {@code verity collections --json} and {@code GET /v1/collections}: its
 * name and how many of its documents the caller can see.
 */
public record CollectionView(String name, int documents) {

    public static CollectionView of(CollectionSummary summary) {
        return new CollectionView(summary.name(), summary.documents());
    }
}
