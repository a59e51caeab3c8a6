package dev.verity.app.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.BatchView;
import dev.verity.app.json.DocumentView;
import dev.verity.app.json.IngestResultView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.app.server.security.Impersonation;
import dev.verity.document.DocumentIds;
import dev.verity.idempotency.IdempotentRequests;
import dev.verity.identity.Caller;
import dev.verity.identity.Principals;
import dev.verity.identity.Scope;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.consistency.CatalogService;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.ingestion.jobs.ReplacementRefusedException;
import dev.verity.internal.Hashing;
import dev.verity.internal.OwnerOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upload, list and delete the documents of a collection. A caller sees only the documents of its tenant whose ACL it
 * shares: another document answers 404 exactly like an unknown id, and an upload that would replace one is refused
 * with 409 ({@link ReplacementRefusedException}) without changing anything. The caller's tenant and principals come
 * from its identity; only a caller with scope {@code impersonate} may name principals ({@code ?principals=}).
 */
@RestController
@RequestMapping("/v1/collections/{collection}/documents")
class DocumentsController {
    private final IngestionJobs ingestion;
    private final Impersonation impersonation;
    private final CatalogService catalog;
    private final IdempotentRequests idempotency;
    private final VerityConfig config;
    private final JsonMapper json;

    DocumentsController(
            IngestionJobs ingestion,
            CatalogService catalog,
            IdempotentRequests idempotency,
            VerityConfig config,
            JsonMapper json,
            Impersonation impersonation) {
        this.impersonation = impersonation;
        this.ingestion = ingestion;
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.config = config;
        this.json = json;
    }

    /** The multipart form of an upload, as the OpenAPI document describes it. */
    record UploadForm(
            @Schema(
                    description = "The files (repeat the part for several)",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<byte[]> file,

            @Schema(
                    description = "Principals allowed to see the documents, comma-separated; default: everyone in"
                            + " the collection")
            String acl) {}

    /** What makes two uploads the same request: collection, ACL, and each file's name and content. */
    private record UploadFingerprint(
            String collection, List<String> acl, List<String> names, List<String> sha256, boolean waited) {}

    /**
     * What an upload returns: the batch its files were queued in, and with {@code wait=true} the results, one per file
     * in the order sent (else empty: follow {@code batch.status_url}).
     */
    record UploadResponse(@JsonProperty("batch_id") String batchId, BatchView batch, List<IngestResultView> results) {}

    /** The documents of a collection, ordered by source. */
    record DocumentsResponse(String collection, List<DocumentView> documents) {}

    /**
     * Stores the files sent and queues them for ingestion: 202 with the batch (progress at {@code /v1/jobs/{id}}), or
     * with {@code wait=true} 200 once every file is durable, with the results. An {@code Idempotency-Key} makes a
     * retried upload (same collection, ACL, file names and contents) return the stored response without queueing the
     * files again.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadDocuments",
            summary = "Store files and queue them for ingestion",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(
            responseCode = "202",
            description = "Queued; Location and batch.status_url follow the batch",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = UploadResponse.class)))
    @ApiResponse(
            responseCode = "200",
            description = "With wait=true: every file is durable; results in the order sent",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = UploadResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid request")
    @ApiResponse(
            responseCode = "409",
            description = "The Idempotency-Key's first request is still running, or a file name cannot be used by"
                    + " this caller (nothing was stored)")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    ResponseEntity<UploadResponse> upload(
            @CurrentCaller(Scope.INGEST) Caller caller,
            @PathVariable String collection,
            @Parameter(hidden = true) @RequestParam("file") List<MultipartFile> files,
            @Parameter(hidden = true) @RequestParam(value = "acl", required = false) String acl,
            @RequestParam(value = "wait", defaultValue = "false") boolean wait,
            @RequestParam(value = "principals", required = false) List<String> principals,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        Caller acting = impersonation.resolve(caller, principals, "POST /v1/collections/{collection}/documents");
        IngestOptions options = new IngestOptions(
                acting.tenant(),
                DocumentIds.requireCollection(collection),
                acl == null ? Set.of() : Principals.parse(acl));
        Path spool = Files.createTempDirectory(tmp(), "upload-");
        try {
            List<SourceFile> sources = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                MultipartFile file = files.get(i);
                String name = fileName(file.getOriginalFilename(), i);
                Path target = OwnerOnly.folder(spool.resolve(String.valueOf(i))).resolve(name);
                file.transferTo(target);
                OwnerOnly.file(target);
                sources.add(new SourceFile(target, name));
            }
            String hash = Idempotency.hash(
                    json,
                    "/v1/collections/documents",
                    new UploadFingerprint(
                            collection,
                            options.acl().stream().sorted().toList(),
                            sources.stream().map(SourceFile::source).toList(),
                            sources.stream().map(f -> Hashing.sha256(f.path())).toList(),
                            wait));
            UploadResponse response =
                    Idempotency.apply(idempotency, json, caller, idempotencyKey, hash, UploadResponse.class, () -> {
                        BatchStatus batch = ingestion.submit(acting, sources, options);
                        List<IngestResultView> results = wait
                                ? ingestion.await(batch.id(), IngestionWorkers.Listener.none()).stream()
                                        .map(IngestResultView::of)
                                        .toList()
                                : List.of();
                        BatchStatus now = ingestion.batch(acting, batch.id()).orElse(batch);
                        return new UploadResponse(batch.id(), BatchView.of(now, Instant.now(), null), results);
                    });
            return ResponseEntity.status(wait ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .location(URI.create(response.batch().statusUrl()))
                    .body(response);
        } finally {
            FileSystemUtils.deleteRecursively(spool);
        }
    }

    @GetMapping
    @Operation(operationId = "listDocuments", summary = "The documents of a collection, ordered by source")
    DocumentsResponse list(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @PathVariable String collection,
            @RequestParam(value = "principals", required = false) List<String> principals) {
        Caller acting = impersonation.resolve(caller, principals, "GET /v1/collections/{collection}/documents");
        return new DocumentsResponse(
                collection,
                catalog.list(acting, DocumentIds.requireCollection(collection)).stream()
                        .map(DocumentView::of)
                        .toList());
    }

    /** One document of the collection, with its parse-quality report. */
    @GetMapping("/{documentId}")
    @Operation(operationId = "getDocument", summary = "One document, with its parse-quality report")
    @ApiResponse(responseCode = "200", description = "The document")
    @ApiResponse(responseCode = "404", description = "The collection holds no such document")
    DocumentView get(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @PathVariable String collection,
            @PathVariable String documentId,
            @RequestParam(value = "principals", required = false) List<String> principals) {
        Caller acting = impersonation.resolve(caller, principals, "GET /v1/collections/{collection}/documents/{id}");
        return catalog.find(acting, DocumentIds.requireCollection(collection), documentId)
                .map(DocumentView::of)
                .orElseThrow(
                        () -> new NotFoundException("collection " + collection + " has no document " + documentId));
    }

    @DeleteMapping("/{documentId}")
    @Operation(operationId = "deleteDocument", summary = "Delete a document, its chunks and (once unused) its original")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "The collection holds no such document")
    ResponseEntity<Void> delete(
            @CurrentCaller(Scope.INGEST) Caller caller,
            @PathVariable String collection,
            @PathVariable String documentId,
            @RequestParam(value = "principals", required = false) List<String> principals) {
        Caller acting = impersonation.resolve(caller, principals, "DELETE /v1/collections/{collection}/documents/{id}");
        if (!catalog.delete(acting, DocumentIds.requireCollection(collection), documentId)) {
            throw new NotFoundException("collection " + collection + " has no document " + documentId);
        }
        return ResponseEntity.noContent().build();
    }

    /** Uploads in flight are documents too: the folder is owner-only, like the rest of the data folder. */
    private Path tmp() {
        return OwnerOnly.folder(config.dataDir().resolve("tmp"));
    }

    /** The name a browser or client sent, without any directory part (never trusted as a path). */
    static String fileName(String original, int index) {
        return UploadNames.sanitise(original, index);
    }
}
