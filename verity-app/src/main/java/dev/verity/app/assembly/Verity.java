package dev.verity.app.assembly;

import dev.verity.app.config.VerityConfig;
import dev.verity.app.observability.tracing.OpenTelemetryTracing;
import dev.verity.app.sync.SyncService;
import dev.verity.audit.AuditLog;
import dev.verity.conversation.ConversationService;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guards.injection.InjectionVerdict;
import dev.verity.idempotency.IdempotentRequests;
import dev.verity.identity.Caller;
import dev.verity.identity.keys.ApiKeys;
import dev.verity.index.IndexUnavailableException;
import dev.verity.ingestion.Inspection;
import dev.verity.ingestion.consistency.CatalogService;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.jdbc.DatabaseUnavailableException;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.query.QueryService;
import dev.verity.runs.RunService;
import dev.verity.usage.UsageReport;
import dev.verity.usage.budget.SpendControl;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the use-case services of one data folder, each built from its {@link Components} when first
 * used, so a command pays only for what it uses. Every command and controller receives the services it needs from
 * here, never a store, the index or a JDBC or Lucene type (the ArchitectureTest checks it).
 *
 * <p>Two ways to open a data folder: {@link #forQueries} searches the last committed index without taking the write
 * lock (it can run beside {@code verity serve}); {@link #forWriting} takes the lock and the database.
 *
 * <pre>{@code
 * try (Verity verity = Verity.forQueries(config)) {
 *     QueryResult result = verity.query().ask(QueryRequest.of("How long is the refund window?", filter));
 * }
 * }</pre>
 */
public final class Verity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Verity.class);
    /** Seconds a readiness check waits for the database. */
    private static final int DATABASE_CHECK_SECONDS = 2;

    private final Components components;
    private final Supplier<IngestionJobs> ingestion;
    private final Supplier<CatalogService> catalog;
    private final Supplier<SyncService> sync;
    private final Supplier<IdempotentRequests> idempotency;

    private Verity(VerityConfig config, boolean readOnly) {
        this.components = new Components(config, readOnly);
        Components c = components;
        this.ingestion = Components.lazy(() ->
                new IngestionJobs(c.jobs(), c.documents(), c::submitter, c::ingestion, Clock.systemUTC(), c.audit()));
        this.catalog = Components.lazy(() -> new CatalogService(
                c.documents(),
                c::index,
                c::catalog,
                c.blobs(),
                c.jobs(),
                this::ingestion,
                c.audit(),
                Clock.systemUTC()));
        this.sync = Components.lazy(() -> new SyncService(c.documents(), c.syncState(), c::syncRunner));
        this.idempotency =
                Components.lazy(() -> new IdempotentRequests(c.idempotency(), IdempotentRequests.DEFAULT_TTL));
    }

    public static Verity forQueries(VerityConfig config) {
        return new Verity(config, true);
    }

    public static Verity forWriting(VerityConfig config) {
        return new Verity(config, false);
    }

    /** Reads files as ingestion would, storing nothing, with these OCR settings ({@code verity inspect}). */
    public Inspection inspection(OcrSettings ocr) {
        return components.inspection(ocr);
    }

    /** Finds personal data in text; opens nothing ({@code verity guard pii}). */
    public PiiDetector piiDetector() {
        return components.piiDetector();
    }

    /** The question guard's verdict and injection score; opens nothing ({@code verity guard scan}). */
    public InjectionVerdict scanQuestion(String question) {
        return components.scanQuestion(question);
    }

    /** The chunk guard's verdict and injection score on a chunk's search text; opens nothing. */
    public InjectionVerdict scanChunk(String searchText) {
        return components.scanChunk(searchText);
    }

    public VerityConfig config() {
        return components.config();
    }

    /** Questions answered from the documents, with verified citations. */
    public QueryService query() {
        return components.query();
    }

    /**
     * Kept answer runs: a caller's own (a tenant admin's: the tenant's), one by trace id, feedback on one's own, purge
     * past retention. Needs the database only, so {@code verity runs} works beside a running server.
     */
    public RunService runs() {
        return components.runs();
    }

    /** Questions asked within a conversation, with the history kept in the database. */
    public ConversationService conversations() {
        return components.conversations();
    }

    /**
     * Queue, work, follow and retry ingestion. Listing and queueing without waiting need the database only (they work
     * beside a running server); working the queue needs a data folder opened {@linkplain #forWriting for writing}.
     */
    public IngestionJobs ingestion() {
        return ingestion.get();
    }

    /**
     * List, find and delete documents, and check (and repair) that the catalogue, the index and the stored originals
     * agree. Listing needs the database only; deleting and repairing need a data folder opened for writing.
     */
    public CatalogService catalog() {
        return catalog.get();
    }

    /** Keep a collection in step with a folder or web site: plan, then run. */
    public SyncService sync() {
        return sync.get();
    }

    /** What answering with models cost in the caller's tenant from {@code from} to {@code to}, inclusive (UTC days). */
    /** The budgets and what is spent against them ({@code verity usage}, the budget warning on answers). */
    public SpendControl budgets() {
        return components.spend();
    }

    public UsageReport usage(Caller caller, LocalDate from, LocalDate to) {
        return UsageReport.of(components.usage(), caller.tenant(), from, to);
    }

    /** Requests run at most once per {@code Idempotency-Key}. */
    public IdempotentRequests idempotency() {
        return idempotency.get();
    }

    /**
     * API keys: create, list, revoke, rotate, and authenticate requests ({@code Authorization: Bearer vrt_…}). Needs
     * the database only, so {@code verity keys} works beside a running server (which notices a revocation within
     * {@link ApiKeys#RECORD_TTL}).
     */
    public ApiKeys keys() {
        return components.keys();
    }

    /** The append-only log of security events: key changes, refused credentials, uploads, deletes, guard blocks. */
    public AuditLog audit() {
        return components.audit();
    }

    /** Every alert raised (drift, budgets) and how its delivery to the webhook went, in the database. */
    public AlertLog alerts() {
        return components.alertLog();
    }

    /**
     * Whether this data folder can serve: the database answers and the index can be searched.
     *
     * @param databaseUp the database answered within {@value #DATABASE_CHECK_SECONDS} seconds
     * @param chunks chunks in the index
     */
    public record Readiness(boolean databaseUp, long chunks) {}

    /** Checks the database and the index; a failure to reach either is thrown. */
    public Readiness readiness() throws SQLException {
        try (Connection connection = components.database().dataSource().getConnection()) {
            boolean up = connection.isValid(DATABASE_CHECK_SECONDS);
            return new Readiness(up, components.index().chunkCount());
        }
    }

    /**
     * Records this process's meters (answers, steps, model calls, guards, circuits, feedback, the ingestion queue) in
     * {@code registry} too: {@code verity serve} gives its Prometheus registry. Call before {@link #prepareToServe}.
     */
    public void publishMetricsTo(MeterRegistry registry) {
        components.publishMetrics(registry);
    }

    /**
     * Loads index, database, embedding model, language-model clients and prompts, warms them up without a billed call
     * ({@link Components#warmUp}), starts the ingestion workers and the drift monitor, so a bad configuration stops
     * the server's start-up instead of failing its first request, and the first question is not slowed by start-up.
     */
    public void prepareToServe() {
        components.index();
        components.database();
        LOG.info(
                "passages and questions are embedded by {}",
                components.embeddings().id());
        components.query();
        components.conversations();
        components.warmUp(); // before the server listens: readiness reports ready only after it
        components.ingestion(); // starts the ingestion workers, which also take up jobs queued before
        components.startRunPurge();
        components.startDriftMonitor();
        if (config().llm().configured()) {
            LOG.info(
                    "answers come from {} (fallbacks in order, then extractive)",
                    config().llm().chain().stream()
                            .map(p -> p.kind().code() + ":" + p.model())
                            .toList());
        } else {
            LOG.info("no language model is configured (VERITY_LLM_PROVIDER): answers are extractive");
        }
    }

    /**
     * True when {@code failure} says the index or the database of a data folder cannot be used (locked, missing,
     * built with another model, unreachable): its message is written for users, and a server answers 503.
     */
    public static boolean unavailable(Throwable failure) {
        return failure instanceof IndexUnavailableException || failure instanceof DatabaseUnavailableException;
    }

    /**
     * The parts the services are built from: for tests and benchmarks that set up or inspect a data folder, and for
     * the evaluation commands until they move to {@code verity-eval}. Commands and controllers never use it (the
     * ArchitectureTest checks it).
     */
    /**
     * The process's tracing: the HTTP server opens a span per request with it and continues incoming
     * {@code traceparent}s; a no-op API when tracing is off.
     */
    public OpenTelemetryTracing tracing() {
        return components.tracing();
    }

    public Components components() {
        return components;
    }

    /** Closes what was opened, last first; the index commits pending writes on close. */
    @Override
    public void close() {
        components.close();
    }
}
