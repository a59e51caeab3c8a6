package dev.verity.app.server;

import dev.verity.app.json.CollectionView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.app.server.security.Impersonation;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.ingestion.consistency.CatalogService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collections a caller can see: those of its tenant holding at least one document it may see, each with the
 * number of such documents. A collection whose documents are all hidden from the caller is not listed. Only a caller
 * with scope {@code impersonate} may name principals ({@code ?principals=}).
 */
@RestController
class CollectionsController {
    private final CatalogService catalog;
    private final Impersonation impersonation;

    CollectionsController(CatalogService catalog, Impersonation impersonation) {
        this.catalog = catalog;
        this.impersonation = impersonation;
    }

    /** The collections, by name. */
    record CollectionsResponse(List<CollectionView> collections) {}

    @GetMapping("/v1/collections")
    @Operation(operationId = "listCollections", summary = "The collections the caller can see, by name")
    CollectionsResponse list(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @RequestParam(value = "principals", required = false) List<String> principals) {
        Caller acting = impersonation.resolve(caller, principals, "GET /v1/collections");
        return new CollectionsResponse(
                catalog.collections(acting).stream().map(CollectionView::of).toList());
    }
}
