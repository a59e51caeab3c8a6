package dev.verity.app.server;

import dev.verity.app.json.CollectionView;
import dev.verity.ingestion.consistency.CatalogService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collections a caller can see: those of its tenant holding at least one document it may see, each with the
 * number of such documents. A collection whose documents are all hidden from the caller is not listed. Until
 * authentication exists, the caller's principals are taken from the {@code principals} parameter.
 */
@RestController
class CollectionsController {
    private final CatalogService catalog;

    CollectionsController(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The collections, by name. */
    record CollectionsResponse(List<CollectionView> collections) {}

    @GetMapping("/v1/collections")
    @Operation(operationId = "listCollections", summary = "The collections the caller can see, by name")
    CollectionsResponse list(@RequestParam(value = "principals", required = false) List<String> principals) {
        return new CollectionsResponse(catalog.collections(Callers.local(principals)).stream()
                .map(CollectionView::of)
                .toList());
    }
}
