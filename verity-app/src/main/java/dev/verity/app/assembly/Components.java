package dev.verity.app.assembly;

import dev.verity.app.config.AnswerOptions;
import dev.verity.app.config.EmbeddingConfig;
import dev.verity.app.config.GuardConfig;
import dev.verity.app.config.LlmConfig;
import dev.verity.app.config.ParsingConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.logging.LogScrubber;
import dev.verity.app.observability.alerts.WebhookAlertSink;
import dev.verity.app.observability.metrics.MeterLabels;
import dev.verity.app.observability.metrics.VerityMetrics;
import dev.verity.app.observability.tracing.OpenTelemetryTracing;
import dev.verity.audit.AuditLog;
import dev.verity.catalog.BlobStore;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.DocumentStore;
import dev.verity.catalog.FileSystemBlobStore;
import dev.verity.conversation.ConversationService;
import dev.verity.conversation.ConversationStore;
import dev.verity.conversation.QuestionCondenser;
import dev.verity.conversation.RuleBasedCondenser;
import dev.verity.document.DocumentIds;
import dev.verity.drift.DriftMonitor;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.QueryCachingEmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.ExtractiveAnswerGenerator;
import dev.verity.generation.answer.ExtractiveSettings;
import dev.verity.generation.answer.FallbackAnswerGenerator;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.prompt.PromptRegistry;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.guardrails.Guard;
import dev.verity.guardrails.pii.DocumentRedaction;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiMasking;
import dev.verity.guards.answer.AnswerGuard;
import dev.verity.guards.injection.InjectionChunkGuard;
import dev.verity.guards.injection.InjectionDetector;
import dev.verity.guards.injection.InjectionVerdict;
import dev.verity.guards.injection.QuestionGuard;
import dev.verity.guards.moderation.ModerationGuard;
import dev.verity.guards.pii.StructuredPiiDetector;
import dev.verity.idempotency.IdempotencyStore;
import dev.verity.identity.keys.ApiKeyStore;
import dev.verity.identity.keys.ApiKeys;
import dev.verity.index.Index;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestionPipeline;
import dev.verity.ingestion.Inspection;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.VectorBackfill;
import dev.verity.ingestion.chunking.StructureAwareChunker;
import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.ingestion.jobs.JobStore;
import dev.verity.ingestion.jobs.JobSubmitter;
import dev.verity.ingestion.jobs.QueueSettings;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.ingestion.sync.SyncRunner;
import dev.verity.ingestion.sync.SyncState;
import dev.verity.internal.OwnerOnly;
import dev.verity.jdbc.Database;
import dev.verity.jdbc.JdbcAlertLog;
import dev.verity.jdbc.JdbcApiKeyStore;
import dev.verity.jdbc.JdbcAuditLog;
import dev.verity.jdbc.JdbcConversationStore;
import dev.verity.jdbc.JdbcDocumentStore;
import dev.verity.jdbc.JdbcEmbeddingCache;
import dev.verity.jdbc.JdbcIdempotencyStore;
import dev.verity.jdbc.JdbcJobStore;
import dev.verity.jdbc.JdbcRunStore;
import dev.verity.jdbc.JdbcSyncState;
import dev.verity.jdbc.JdbcUsageLedger;
import dev.verity.llm.answer.LlmAnswerGenerator;
import dev.verity.llm.answer.LlmAnswerSettings;
import dev.verity.llm.budget.BudgetedLlmProvider;
import dev.verity.llm.conversation.LlmQuestionCondenser;
import dev.verity.llm.embedding.EmbeddingSettings;
import dev.verity.llm.embedding.RemoteEmbeddingModel;
import dev.verity.llm.judge.JudgePrompts;
import dev.verity.llm.judge.LlmJudge;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.llm.resilience.ResilientLlmProvider;
import dev.verity.llm.transcription.OpenAiTranscriber;
import dev.verity.lucene.LuceneIndex;
import dev.verity.lucene.LuceneSettings;
import dev.verity.observability.Tracer;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.observability.alerts.AlertSink;
import dev.verity.onnx.HuggingFaceTokenCounter;
import dev.verity.onnx.ModelSpec;
import dev.verity.onnx.OnnxEmbeddingModel;
import dev.verity.parsers.OpenNlpLanguageDetector;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.archive.ArchiveReader;
import dev.verity.parsers.archive.EmbeddedFilesReader;
import dev.verity.parsers.archive.OfficeEmbeddingsReader;
import dev.verity.parsers.isolation.IsolatedDocumentParser;
import dev.verity.parsers.media.MediaSettings;
import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.hybrid.HybridRetriever;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunService;
import dev.verity.runs.RunStore;
import dev.verity.runs.WriteBehindRunStore;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.WriteBehindUsageLedger;
import dev.verity.usage.budget.SpendControl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the application (index, database, stores, models, answerers, workers), each built from a
 * {@link VerityConfig} only when first needed, so a command pays only for what it uses ({@code verity ask} loads no
 * parser and no database; {@code verity docs} loads neither model nor index). {@link Verity} assembles the use-case
 * services from them; commands and controllers use those services and never these parts (the ArchitectureTest checks
 * it). Tests and benchmarks reach the parts through {@link Verity#components()} to set up or inspect a data folder.
 *
 * <p>Opened read-only ({@link Verity#forQueries}), the index is searched at its last commit without taking the write
 * lock, and the parts that write (ingestion workers, deletion) refuse to start.
 */
public final class Components implements AutoCloseable {
    private static final Logger ANSWERS = LoggerFactory.getLogger("dev.verity.answers");
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);
    /**
     * The longest the start of a server waits for the models' connections to open: a provider that hangs delays the
     * start by this much at most, and its first real call then opens the connection itself.
     */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);
    /** How often drift is judged: the buckets are minutes. */
    private static final Duration DRIFT_EVERY = Duration.ofMinutes(1);

    private final VerityConfig config;
    private final boolean readOnly;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    /** Old runs are few per hour: purging hourly keeps the table within an hour of the retention. */
    static final Duration RUN_PURGE_PERIOD = Duration.ofHours(1);

    private @Nullable ScheduledExecutorService runPurge;

    private AutoCloseable driftSchedule;
    /** The model clients and LLM answerers built, in chain order: what {@link #warmUp} readies. */
    private final List<SpringAiLlmProvider> modelClients = new CopyOnWriteArrayList<>();

    private final List<LlmAnswerGenerator> llmGenerators = new CopyOnWriteArrayList<>();

    private final Supplier<Index> index = lazy(this::openIndex);
    private final Supplier<Database> database = lazy(() -> track(Database.open(config().database())));
    private final Supplier<EmbeddingModel> embeddings = lazy(this::openEmbeddings);
    private final Supplier<EmbeddingModel> queryEmbeddings =
            lazy(() -> new QueryCachingEmbeddingModel(embeddings(), QueryCachingEmbeddingModel.DEFAULT_CAPACITY));
    private final Supplier<HybridRetriever> retriever = lazy(this::buildRetriever);
    private final Supplier<QueryService> query = lazy(() -> buildQueryService(true));
    private final Supplier<DocumentStore> documents =
            lazy(() -> new JdbcDocumentStore(database().dataSource()));
    /** Written behind the answers, off their path; closed (drained) before the database. */
    private final Supplier<UsageLedger> usage = lazy(() -> track(new WriteBehindUsageLedger(
            new JdbcUsageLedger(database().dataSource()),
            e -> LoggerFactory.getLogger(Components.class)
                    .warn("an answer's usage could not be written to the ledger: {}", e.toString()))));
    /** One run per answer, written behind the answers like the usage ledger; closed (drained) before the database. */
    private final Supplier<RunStore> runs = lazy(() -> track(new WriteBehindRunStore(
            new JdbcRunStore(database().dataSource()),
            e -> LOG.warn("an answer's run could not be recorded: {}", e.toString()))));

    /** Observers of feedback (metrics, drift), told after the feedback is stored; see {@link #onFeedback}. */
    private final List<Consumer<Feedback>> feedbackObservers =
            new CopyOnWriteArrayList<>(List.of(feedback -> metrics().feedback(feedback), this::feedbackToDrift));

    private final Supplier<RunService> runService =
            lazy(() -> new RunService(RunStore.lazy(runs), LogScrubber::scrub, Clock.systemUTC())
                    .onFeedback(feedback -> feedbackObservers.forEach(o -> o.accept(feedback))));

    private final Supplier<IdempotencyStore> idempotency =
            lazy(() -> new JdbcIdempotencyStore(database().dataSource(), Clock.systemUTC()));
    private final Supplier<ApiKeyStore> apiKeyStore =
            lazy(() -> new JdbcApiKeyStore(database().dataSource()));
    private final Supplier<AuditLog> audit =
            lazy(() -> new JdbcAuditLog(database().dataSource()));
    private final Supplier<AlertLog> alertLog =
            lazy(() -> new JdbcAlertLog(database().dataSource()));
    /** Records and posts alerts from its own thread; closed (given a moment to deliver) before the database. */
    private final Supplier<WebhookAlertSink> alertSink = lazy(
            () -> track(new WebhookAlertSink(alertLog.get(), config().alerts().webhook())));
    /** Fed by every answer; judged by the schedule {@link #startDriftMonitor} starts, which opens the alert sink. */
    private final Supplier<DriftMonitor> drift = lazy(() ->
            new DriftMonitor(config().alerts().drift(), alert -> alertSink().raise(alert), Clock.systemUTC()));
    /** One instance per process: its caches make authentication cheap and see this process's revocations at once. */
    private final Supplier<ApiKeys> keys =
            lazy(() -> new ApiKeys(ApiKeyStore.lazy(apiKeyStore), AuditLog.lazy(audit), Clock.systemUTC()));

    private final Supplier<IngestionService> ingestion = lazy(this::buildIngestionService);
    private final Supplier<Catalog> catalog = lazy(() -> new Catalog(index(), documents(), jobs(), blobs()));
    private final Supplier<JobStore> jobs =
            lazy(() -> new JdbcJobStore(database().dataSource()));
    private final Supplier<BlobStore> blobs =
            lazy(() -> new FileSystemBlobStore(privateDataFolder().resolve("blobs")));
    private final Supplier<SyncState> syncState =
            lazy(() -> new JdbcSyncState(database().dataSource()));
    private final Supplier<PromptRegistry> prompts = lazy(ClasspathPromptRegistry::new);
    private final Supplier<PiiDetector> piiDetector = lazy(StructuredPiiDetector::new);
    private final Supplier<InjectionDetector> injectionDetector = lazy(InjectionDetector::new);
    private final Supplier<QuestionGuard> questionGuard = lazy(
            () -> new QuestionGuard(injectionDetector.get(), config().guards().question()));
    private final Supplier<InjectionChunkGuard> chunkGuard = lazy(() -> new InjectionChunkGuard(
            injectionDetector.get(),
            config().guards().chunk(),
            config().guards().collections()));
    /**
     * The system-prompt canary of this process: put in every LLM system message, refused in every answer. Random per
     * process, so a canary seen in one leak cannot be filtered out of the next.
     */
    private final String canary = newCanary();

    private final Supplier<List<LlmProvider>> llmProviders = lazy(this::buildLlmProviders);
    /** The budgets' counts, one per process: every model call of answering and condensing reserves here. */
    private final Supplier<SpendControl> spend =
            lazy(() -> new SpendControl(config().budgets().budgets(), lazyUsage(), Clock.systemUTC(), budgetAlerts()));

    private final Supplier<Optional<AnswerJudge>> judge = lazy(this::buildJudge);
    private final Supplier<ConversationStore> conversationStore =
            lazy(() -> new JdbcConversationStore(database().dataSource()));
    private final Supplier<ConversationService> conversations = lazy(() -> new ConversationService(
                    conversationStore.get(), query(), questionCondenser(), lazyUsage(), Clock.systemUTC())
            .withTracer(tracer()));
    /** The OpenTelemetry SDK when tracing is on; shut down last, after everything that makes spans. */
    private final Supplier<OpenTelemetryTracing> tracing = lazy(this::startTracing);

    private @Nullable OpenTelemetryTracing startedTracing;

    /**
     * The meters of this process: recorded nowhere until a registry is added ({@link #publishMetrics}, by
     * {@code verity serve}), so other commands pay a no-op per meter.
     */
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();

    private final Supplier<VerityMetrics> metrics = lazy(() -> new VerityMetrics(
            meters, meterLabels(config().llm()), config().llm().answers().cacheEnabled()));

    Components(VerityConfig config, boolean readOnly) {
        this.config = Objects.requireNonNull(config, "config");
        this.readOnly = readOnly;
    }

    public VerityConfig config() {
        return config;
    }

    public Index index() {
        return index.get();
    }

    public Database database() {
        return database.get();
    }

    /** The embedding model: the embedded ONNX model unless a remote one is configured ({@link EmbeddingConfig}). */
    public EmbeddingModel embeddings() {
        return embeddings.get();
    }

    /** The catalogue of documents; needs the database only, so it works beside a running server. */
    public DocumentStore documents() {
        return documents.get();
    }

    /** API keys: the stored keys and hashes; the database is opened on first use. */
    public ApiKeyStore apiKeyStore() {
        return apiKeyStore.get();
    }

    /** The audit log of security events, in the database. */
    public AuditLog audit() {
        return audit.get();
    }

    /** Every alert raised, with its delivery state, in the database. */
    public AlertLog alertLog() {
        return alertLog.get();
    }

    /**
     * Where alerts go (drift, budgets): recorded and posted to {@code VERITY_ALERT_WEBHOOK_URL} from a thread of its
     * own, so raising one never waits. Opens the database on first use.
     */
    public AlertSink alertSink() {
        return alertSink.get();
    }

    /**
     * The drift monitor every answer of this process is counted by (unless {@code VERITY_DRIFT=off}); feed it thumbs
     * with {@link DriftMonitor#feedback}. It judges only once {@link #startDriftMonitor} scheduled it.
     */
    public DriftMonitor drift() {
        return drift.get();
    }

    /** Thumbs count in the drift monitor's thumbs-down share, where drift is judged (a serving process). */
    private void feedbackToDrift(Feedback feedback) {
        if (!readOnly && config.alerts().driftEnabled()) {
            drift().feedback(feedback);
        }
    }

    /**
     * Judges drift every minute on a daemon thread, until this object is closed; does nothing when
     * {@code VERITY_DRIFT=off}. Opens the alert sink (and the database) first, so they are closed after the schedule.
     */
    public synchronized void startDriftMonitor() {
        if (!config.alerts().driftEnabled() || driftSchedule != null) {
            return;
        }
        alertSink();
        DriftMonitor monitor = drift();
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("verity-drift").daemon(true).factory());
        schedule.scheduleAtFixedRate(
                () -> {
                    try {
                        monitor.evaluate();
                    } catch (RuntimeException e) {
                        LOG.warn("drift could not be judged: {}", e.toString());
                    }
                },
                DRIFT_EVERY.toSeconds(),
                DRIFT_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        driftSchedule = track(schedule::shutdownNow);
        LOG.info(
                "drift is judged every minute: the last {} against {} before (alerts: {})",
                config.alerts().drift().window(),
                config.alerts().drift().baseline(),
                config.alerts().webhook().url().isPresent() ? "recorded and posted to the webhook" : "recorded only");
    }

    /**
     * Readies what the first question uses, so it is not slower (or degraded by a short model timeout) for loading
     * classes and opening connections, without a billed call:
     *
     * <ol>
     *   <li>the embedded embedding model embeds one question (a remote one is not called: that would be billed);
     *   <li>each LLM answerer answers a canned source through an in-process stand-in of its model, behind the same
     *       resilience as the real one ({@link LlmAnswerGenerator#warmUp}): prompt, tokenizers, reply JSON, streaming;
     *   <li>each configured model's client sends the free model-list request ({@link SpringAiLlmProvider#warmUp}),
     *       in parallel, waiting at most {@link #WARM_UP_LIMIT} in all.
     * </ol>
     *
     * Failures are logged as warnings and never thrown: a provider down at start must not stop the server (its
     * questions fall back, as they would at any other time).
     */
    public void warmUp() {
        if (config.embedding().remote().isEmpty()) {
            try {
                embeddings().embedQuery("How long does the warm-up take?");
            } catch (RuntimeException e) {
                LOG.warn("the embedding model could not embed a warm-up question: {}", e.toString());
            }
        }
        LlmConfig llm = config.llm();
        if (!llm.configured()) {
            return;
        }
        query(); // builds the answerers and the model clients
        for (int i = 0; i < llmGenerators.size(); i++) {
            Duration timeout = llm.timeouts().get(i);
            try {
                llmGenerators
                        .get(i)
                        .warmUp(standIn -> new ResilientLlmProvider(
                                standIn, llm.resilience().withTotalTimeout(timeout)));
            } catch (RuntimeException e) {
                LOG.warn("the answer path could not be warmed up in process: {}", e.toString());
            }
        }
        List<Thread> calls = new ArrayList<>();
        for (SpringAiLlmProvider client : modelClients) {
            String model = client.name() + ":" + client.settings().model();
            calls.add(Thread.ofVirtual().name("verity-warm-up-" + client.name()).start(() -> {
                try {
                    client.warmUp();
                    LOG.info("{} answered the warm-up request: its connection is open", model);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{} did not answer the warm-up request ({}); serving anyway: its questions fall back"
                                    + " until it answers",
                            model,
                            e.getMessage());
                }
            }));
        }
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        for (Thread call : calls) {
            try {
                if (!call.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    LOG.warn("a model's warm-up request is still waiting after {}: serving anyway", WARM_UP_LIMIT);
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Creates, lists, revokes and rotates API keys and authenticates them; opens the database on first use. */
    public ApiKeys keys() {
        return keys.get();
    }

    /** The durable ingestion queue; needs the database only, so `verity jobs` works beside a running server. */
    public JobStore jobs() {
        return jobs.get();
    }

    /** Originals of ingested files, by content hash, in the data folder. */
    public BlobStore blobs() {
        return blobs.get();
    }

    /** What answering cost, per day, caller, collection and model. */
    public UsageLedger usage() {
        return usage.get();
    }

    /** Responses remembered by {@code Idempotency-Key}. */
    public IdempotencyStore idempotency() {
        return idempotency.get();
    }

    public QueryService query() {
        return query.get();
    }

    /**
     * Kept answer runs: list, show, rate and purge them. Needs the database only, so {@code verity runs} works beside
     * a running server.
     */
    public RunService runs() {
        return runService.get();
    }

    /**
     * Tells {@code observer} of every feedback stored from now on (e.g. a feedback counter, the drift monitor). The
     * observer runs on the request's thread after the feedback is stored: keep it quick and let it catch its own
     * failures.
     */
    public Components onFeedback(Consumer<Feedback> observer) {
        feedbackObservers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Deletes runs older than the retention ({@code VERITY_RUNS_RETENTION_DAYS}) now and every
     * {@link #RUN_PURGE_PERIOD} until this is closed: for the server.
     */
    public synchronized void startRunPurge() {
        if (runPurge != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verity-run-purge");
            t.setDaemon(true);
            return t;
        });
        runPurge = scheduler;
        track(scheduler::shutdownNow);
        scheduler.scheduleWithFixedDelay(this::purgeRuns, 0, RUN_PURGE_PERIOD.toMinutes(), TimeUnit.MINUTES);
    }

    private void purgeRuns() {
        try {
            Instant before = Instant.now().minus(config.runs().retention());
            int purged = runs().purge(before);
            if (purged > 0) {
                LOG.info("purged {} answer runs recorded before {}", purged, before);
            }
        } catch (RuntimeException e) {
            LOG.warn("answer runs could not be purged (tried again in {}): {}", RUN_PURGE_PERIOD, e.toString());
        }
    }

    /** The retriever answers use (BM25, vector and hybrid), for evaluation to score each mode on its own. */
    public Retriever retriever() {
        return retriever.get();
    }

    /** Questions asked within a conversation, with the history kept in the database. */
    public ConversationService conversations() {
        return conversations.get();
    }

    /**
     * The judge that grades answers in evaluations, when {@code llm.judge} or {@code VERITY_JUDGE_*} configures one
     * ({@link LlmConfig}); empty otherwise. Needs neither index nor database.
     */
    public Optional<AnswerJudge> judge() {
        return judge.get();
    }

    /**
     * Finds personal data in text ({@code verity guard pii}): the structured detector, phone numbers read as numbers
     * of its default regions. Needs no data folder.
     */
    public PiiDetector piiDetector() {
        return piiDetector.get();
    }

    /** The question guard's verdict and score on {@code question} ({@code verity guard scan}); needs no data folder. */
    public InjectionVerdict scanQuestion(String question) {
        return questionGuard.get().scan(question);
    }

    /**
     * The chunk guard's verdict and score on a chunk's search text under the default collection's policy
     * ({@code verity guard scan --kind chunk}, {@code verity inspect --chunks}); needs no data folder.
     */
    public InjectionVerdict scanChunk(String searchText) {
        return chunkGuard.get().scan(DocumentIds.DEFAULT_COLLECTION, searchText);
    }

    /** The rules, and the moderation endpoint when one is configured: the stricter verdict wins. */
    private Guard<String> questionGuard() {
        Optional<ModerationGuard.Settings> moderation = config().guards().moderation();
        return moderation.isEmpty()
                ? questionGuard.get()
                : Guard.strictest(questionGuard.get(), new ModerationGuard(moderation.get()));
    }

    /**
     * The answer guard: links and images only to the configured hosts, no raw HTML, the canary refused (when a model
     * answers: extractive answers cannot see a system prompt), personal data masked when configured.
     */
    private AnswerGuard answerGuard() {
        GuardConfig guards = config().guards();
        return new AnswerGuard(
                guards.answerHosts(),
                config().llm().configured() ? Optional.of(canary) : Optional.empty(),
                guards.maskPii() ? piiDetector() : PiiDetector.none());
    }

    /** Personal data masked at ingestion in the collections configured ({@code guards.redact_pii}); else none. */
    private DocumentRedaction redaction() {
        Set<String> redacted = config().guards().redactPii();
        if (redacted.isEmpty()) {
            return DocumentRedaction.none();
        }
        return redacted.contains(GuardConfig.ALL)
                ? PiiMasking.all(piiDetector())
                : PiiMasking.of(piiDetector(), redacted);
    }

    private static String newCanary() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "verity-canary-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Reads files as ingestion would, storing nothing ({@code verity inspect}): the configured parser limits with
     * these OCR settings, in this process; chunks cut with the embedding model's tokenizer (its graph is not loaded).
     */
    public Inspection inspection(OcrSettings ocr) {
        DocumentParser parser =
                new RoutingDocumentParser(config.parsing().limits().withOcr(ocr));
        return new Inspection(
                parser,
                new OpenNlpLanguageDetector(),
                () -> new StructureAwareChunker(tokenizerOnly(), config.chunking()));
    }

    /**
     * Queues files without working them (`ingest --no-wait`): needs the database and the originals folder only, so no
     * worker starts and no model loads in this process.
     */
    public JobSubmitter submitter() {
        return new JobSubmitter(jobs(), blobs(), config.ingestion(), Clock.systemUTC());
    }

    /** The ingestion workers, started at once; refused when opened for queries only. */
    public IngestionService ingestion() {
        if (readOnly) {
            throw new IllegalStateException("this Verity was opened for queries only");
        }
        return ingestion.get();
    }

    /** Listing and deletion kept in step with the index; deleting needs the index's write lock. */
    public Catalog catalog() {
        if (readOnly) {
            throw new IllegalStateException("this Verity was opened for queries only");
        }
        return catalog.get();
    }

    /** What earlier syncs put into each collection ({@code verity sync}). */
    public SyncState syncState() {
        return syncState.get();
    }

    /** Runs sync plans: ingests through {@link #ingestForSync}, deletes through the {@link #catalog()}. */
    public SyncRunner syncRunner() {
        return new SyncRunner(this::ingestForSync, catalog(), syncState(), Clock.systemUTC());
    }

    /** The one call through which a sync ingests files: through the durable queue, waiting for the results. */
    private List<IngestResult> ingestForSync(
            List<SourceFile> files, IngestOptions options, IngestionService.Listener listener) {
        return ingestion().ingest(files, options, listener);
    }

    /** The index, refusing a data folder built with another embedding model; the model itself is not loaded. */
    private Index openIndex() {
        LuceneSettings settings =
                LuceneSettings.defaults().withVectorSpace(config.embedding().vectorSpace());
        if (!readOnly) {
            privateDataFolder();
        }
        return track(LuceneIndex.open(config.indexDir(), readOnly ? settings.asReadOnly() : settings));
    }

    /**
     * The data folder, made owner-only ({@code 0700}) before anything is written into it: it holds the documents,
     * their chunks and the questions asked, and the files H2 and Lucene write follow the umask.
     */
    private Path privateDataFolder() {
        return OwnerOnly.folder(config.dataDir());
    }

    /**
     * The ONNX model by default; a remote one counts chunk tokens with the ONNX model's tokenizer (without its graph),
     * so chunks are cut the same whichever model embeds them.
     */
    private EmbeddingModel openEmbeddings() {
        Optional<EmbeddingSettings> remote = config.embedding().remote();
        if (remote.isEmpty()) {
            return track(OnnxEmbeddingModel.defaultModel());
        }
        TokenCounter tokens = tokenizerOnly();
        return track(RemoteEmbeddingModel.create(remote.get(), tokens));
    }

    private HybridRetriever buildRetriever() {
        Index searched = index(); // first: a data folder built with another embedding model fails before any loading
        return new HybridRetriever(searched, queryEmbeddings.get(), RetrievalSettings.defaults());
    }

    /**
     * The query service as {@link #query()} builds it but without what watches it — no process tracer (OpenTelemetry,
     * meters), no answer meters, no drift monitor, no run records: what the observability benchmark compares the
     * served one with. Only the per-answer log line stays, as it was before any of them.
     */
    public QueryService queryWithoutObservability() {
        return buildQueryService(false);
    }

    private QueryService buildQueryService(boolean observed) {
        HybridRetriever retriever = this.retriever.get();
        Index searched = index();
        EmbeddingModel model = queryEmbeddings.get();
        AnswerOptions answers = config.llm().answers();
        QueryService.Builder builder = QueryService.builder(retriever, answerGenerator(model))
                .ledger(lazyUsage())
                .questionGuard(questionGuard())
                .answerGuard(answerGuard())
                .index(searched);
        if (!readOnly && observed) {
            // a process that reads only (verity ask, beside a running server) keeps no runs: it must not need the
            // database, whose embedded form admits one process at a time
            builder.runs(RunStore.sampled(RunStore.lazy(runs), config.runs().sampleRate(), new Random()))
                    .runScrubber(LogScrubber::scrub);
        }
        if (answers.cacheEnabled()) {
            builder.cache(new CaffeineAnswerCache(answers.cacheTtl(), answers.cacheMaxEntries()), searched::version);
        }
        answers.routing().ifPresent(r -> builder.router(new DifficultyRouter(r.threshold())));
        builder.onAnswer(Components::logAnswer);
        if (observed) {
            builder.tracer(tracer());
            if (tracing().content()) {
                builder.questionInTrace(LogScrubber::scrub);
            }
            builder.onAnswer(metrics()::answered);
            if (!readOnly && config.alerts().driftEnabled()) {
                builder.onAnswer(drift()::answered);
                builder.onFailure(
                        (request, failure) -> drift().failed(request.filter().tenant()));
            }
        }
        if (answers.candidateShare() > 0) {
            builder.experiment(new PromptExperiment(answers.candidateShare()), new Random());
        }
        return builder.build();
    }

    /**
     * Where the spans of every question and ingestion go besides the per-request recording: the exporters and meters
     * of this process, joined by {@link Tracer#both}. OpenTelemetry when an OTLP endpoint is configured
     * ({@link dev.verity.app.config.TracingConfig}), else nothing.
     */
    public Tracer tracer() {
        return Tracer.both(tracing().tracer(), metrics().tracer());
    }

    /** The process's OpenTelemetry SDK, started on first use when tracing is on; a no-op otherwise. */
    public OpenTelemetryTracing tracing() {
        return tracing.get();
    }

    private synchronized OpenTelemetryTracing startTracing() {
        startedTracing = OpenTelemetryTracing.start(config.tracing());
        return startedTracing;
    }

    /** The meters of answers, steps, model calls, guards, circuits, feedback and the ingestion queue. */
    public VerityMetrics metrics() {
        return metrics.get();
    }

    /**
     * Records this process's meters in {@code registry} too (the server's Prometheus registry), with the ingestion
     * queue's gauges (read from the database at most every {@link VerityMetrics#JOB_COUNTS_TTL}) when writing.
     */
    public void publishMetrics(MeterRegistry registry) {
        meters.add(registry);
        if (!readOnly) {
            metrics().jobs(() -> jobs().countByStatus());
        }
    }

    /** The configured models (chain, routing, judge) and provider/model pairs: the only model label values. */
    static MeterLabels meterLabels(LlmConfig llm) {
        Set<String> models = new LinkedHashSet<>();
        List<MeterLabels.Route> routes = new ArrayList<>();
        for (ProviderSettings p : llm.chain()) {
            models.add(p.model());
            routes.add(new MeterLabels.Route(p.kind().code(), p.model()));
        }
        // routing applies to the first provider; without one, nothing is routed
        llm.answers().routing().filter(r -> !llm.chain().isEmpty()).ifPresent(r -> {
            String first = llm.chain().getFirst().kind().code();
            models.add(r.easyModel());
            models.add(r.hardModel());
            routes.add(new MeterLabels.Route(first, r.easyModel()));
            routes.add(new MeterLabels.Route(first, r.hardModel()));
        });
        llm.judge().ifPresent(j -> models.add(j.provider().model()));
        return new MeterLabels(models, routes);
    }

    /** What model calls may still cost, per tenant and key: reserved before each call, settled after. */
    public SpendControl spend() {
        return spend.get();
    }

    /**
     * Where budget alerts go: the alert sink (recorded, posted to the webhook) in a process that writes; logged at WARN
     * on {@code dev.verity.alerts} in one that only reads (it must not open the database).
     */
    private AlertSink budgetAlerts() {
        return alert -> {
            if (readOnly) {
                LoggerFactory.getLogger("dev.verity.alerts")
                        .warn(
                                "alert {} ({}) tenant={}: {}",
                                alert.rule(),
                                alert.severity(),
                                alert.tenant(),
                                alert.summary());
            } else {
                alertSink().raise(alert);
            }
        };
    }

    /** The usage ledger, opening the database only when a model was used: `ask` stays quick otherwise. */
    private UsageLedger lazyUsage() {
        return new UsageLedger() {
            @Override
            public void record(Entry entry) {
                usage().record(entry);
            }

            @Override
            public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
                return usage().between(tenant, from, to);
            }
        };
    }

    /**
     * One INFO line per answer on the {@code dev.verity.answers} logger (shown by {@code verity serve}, not by the
     * CLI): trace id, collection, who answered with which prompt version and route, and what it cost.
     */
    private static void logAnswer(QueryRequest request, QueryResult result) {
        Generation g = result.answer().generation();
        ANSWERS.info(
                "trace={} collection={} generator={} model={} prompt={} route={} degraded={} cached={}"
                        + " abstained={} tokens={}/{} cost_usd={} total_ms={}",
                result.traceId(),
                request.filter().collection(),
                g.generator(),
                g.model().orElse("-"),
                g.prompt()
                        .map(p -> p.id() + "@" + p.version()
                                + p.arm().map(a -> "/" + a).orElse(""))
                        .orElse("-"),
                g.route().map(r -> r.tier().code()).orElse("-"),
                g.degradedReason().orElse("no"),
                result.cached(),
                result.answer().abstained(),
                g.usage().inputTokens(),
                g.usage().outputTokens(),
                g.costUsd(),
                result.timingsMs().getOrDefault("total", 0L));
    }

    /**
     * Extractive answers when no model is configured; otherwise the configured models in order, each behind retries,
     * a circuit breaker and a bulkhead, with the extractive answerer as the last fallback. The first model takes the
     * routing and the prompt experiment, if configured.
     */
    private AnswerGenerator answerGenerator(EmbeddingModel model) {
        AnswerGenerator extractive = new ExtractiveAnswerGenerator(model, index(), ExtractiveSettings.defaults());
        LlmConfig llm = config.llm();
        if (!llm.configured()) {
            return extractive;
        }
        AnswerOptions answers = llm.answers();
        Prompt prompt = answerPrompt(answers.promptVersion(), "answers.prompt.version");
        List<AnswerGenerator> chain = new ArrayList<>();
        for (int i = 0; i < llm.chain().size(); i++) {
            LlmAnswerGenerator generator = new LlmAnswerGenerator(
                            llmProviders.get().get(i),
                            prompt,
                            model.tokenCounter(),
                            LlmAnswerSettings.forModel(llm.chain().get(i).model()),
                            llm.prices())
                    .withCanary(canary);
            if (i == 0 && answers.routing().isPresent()) {
                generator = generator.withRoutes(
                        answers.routing().get().easyModel(),
                        answers.routing().get().hardModel());
            }
            if (i == 0 && answers.candidateVersion().isPresent()) {
                generator =
                        generator.withCandidate(answerPrompt(answers.candidateVersion(), "answers.prompt.candidate"));
            }
            chain.add(generator);
            llmGenerators.add(generator);
        }
        chain.add(extractive);
        return new FallbackAnswerGenerator(chain);
    }

    /** The answer prompt of this version, or the newest; an unknown version names the ones that exist. */
    private Prompt answerPrompt(OptionalInt version, String setting) {
        if (version.isEmpty()) {
            return prompt("answer");
        }
        PromptRegistry prompts = this.prompts.get();
        return prompts.get("answer", version.getAsInt())
                .orElseThrow(() -> new IllegalArgumentException(setting
                        + ": there is no answer prompt version " + version.getAsInt() + "; shipped: "
                        + prompts.all().stream()
                                .filter(p -> p.id().equals("answer"))
                                .map(p -> "v" + p.version())
                                .toList()
                        + " (see verity prompts list)"));
    }

    /**
     * The configured models in fallback order, each behind retries, a circuit breaker and a bulkhead, and budgets
     * ({@link BudgetedLlmProvider}). Built once and
     * shared by answering and condensing, so both see one circuit state and one concurrency limit per model.
     */
    private List<LlmProvider> buildLlmProviders() {
        LlmConfig llm = config.llm();
        List<LlmProvider> providers = new ArrayList<>();
        for (int i = 0; i < llm.chain().size(); i++) {
            ProviderSettings settings = llm.chain().get(i);
            SpringAiLlmProvider client = track(SpringAiLlmProvider.create(settings));
            modelClients.add(client);
            ResilientLlmProvider provider = new ResilientLlmProvider(
                    client, llm.resilience().withTotalTimeout(llm.timeouts().get(i)));
            // budgets outside the retries: one reservation per call, and a refusal is never retried nor counted
            providers.add(new BudgetedLlmProvider(provider, spend(), llm.prices()));
            List<String> models = new ArrayList<>(List.of(settings.model()));
            if (i == 0) {
                // the first provider also serves the routed models, each behind a breaker of its own
                llm.answers().routing().ifPresent(r -> models.addAll(List.of(r.easyModel(), r.hardModel())));
            }
            for (String model : models) {
                metrics().circuit(provider.name(), model, () -> provider.circuitState(model));
            }
        }
        return List.copyOf(providers);
    }

    /** The judge's own provider behind retries, a circuit breaker and a bulkhead, with the newest judge prompts. */
    private Optional<AnswerJudge> buildJudge() {
        LlmConfig llm = config.llm();
        return llm.judge()
                .map(j -> new LlmJudge(
                        new ResilientLlmProvider(
                                track(SpringAiLlmProvider.create(j.provider())),
                                llm.resilience().withTotalTimeout(j.timeout())),
                        j.provider().model(),
                        JudgePrompts.latest(prompts.get()),
                        llm.prices()));
    }

    /**
     * Rules when no model is configured; otherwise the first model of the chain, falling back to the rules (a
     * condensed question is worth no second model call: the rules are close enough and instant).
     */
    private QuestionCondenser questionCondenser() {
        QuestionCondenser rules = new RuleBasedCondenser();
        LlmConfig llm = config.llm();
        if (!llm.configured()) {
            return rules;
        }
        return new LlmQuestionCondenser(
                llmProviders.get().getFirst(),
                prompt("condense"),
                llm.chain().getFirst().model(),
                rules,
                llm.prices());
    }

    private Prompt prompt(String id) {
        return prompts.get()
                .latest(id)
                .orElseThrow(() -> new IllegalStateException("the jar ships no '" + id + "' prompt"));
    }

    /**
     * The pipeline and its workers, started at once: they also take up jobs queued earlier (by `ingest --no-wait`, an
     * upload, or a process that died). The embedded index admits one writer, so jobs left running are taken back.
     * Files are keyword-searchable once chunked; their vectors are computed behind, in bulk, by a {@link VectorBackfill}
     * that also embeds whatever an earlier process left without vectors.
     */
    private IngestionService buildIngestionService() {
        EmbeddingModel model = embeddings();
        CachingEmbedder embedder =
                new CachingEmbedder(model, new JdbcEmbeddingCache(database().dataSource()));
        Parsers parsers = parsers();
        IngestionPipeline pipeline = new IngestionPipeline(
                        parsers.documents(),
                        new OpenNlpLanguageDetector(),
                        new StructureAwareChunker(model.tokenCounter(), config.chunking()),
                        chunkGuard.get(),
                        embedder,
                        index(),
                        documents(),
                        Clock.systemUTC(),
                        redaction())
                // archive members and files embedded in Office documents, PDF and RTF become documents of their own
                .withContainers(
                        ContainerReader.anyOf(
                                new ArchiveReader(),
                                new OfficeEmbeddingsReader(),
                                new EmbeddedFilesReader(parsers.embeddedFiles())),
                        blobs(),
                        ContainerLimits.DEFAULTS)
                .deferringEmbedding()
                .withTracer(tracer());
        Logger log = LoggerFactory.getLogger("dev.verity.ingestion");
        VectorBackfill backfill = new VectorBackfill(
                index(),
                embedder,
                VectorBackfill.DEFAULT_BATCH,
                config.ingestion().parallelism(),
                documentIds -> {
                    try {
                        jobs().markVectorSearchable(documentIds, Instant.now());
                    } catch (RuntimeException e) {
                        log.warn("cannot record which files are vector-searchable: {}", e.getMessage());
                    }
                },
                log::warn,
                tracer());
        IngestionWorkers workers = new IngestionWorkers(
                pipeline,
                jobs(),
                blobs(),
                config.ingestion(),
                QueueSettings.defaults(),
                Clock.systemUTC(),
                true,
                log::warn);
        backfill.start();
        return track(new IngestionService(workers, jobs(), backfill));
    }

    /**
     * Every format, in child processes (one per ingestion worker) unless {@code VERITY_PARSE_ISOLATION=off}
     * ({@link ParsingConfig}); closed with this object, after the ingestion service. Audio and video stay in this
     * process: ffmpeg already runs them in processes of its own, and their speech goes to the configured
     * speech-to-text service from here.
     */
    private Parsers parsers() {
        // recognized pages are kept in the data folder, shared by the parser processes: a re-ingest does not OCR again
        ParsingConfig parsing = config.parsing()
                .withLimits(config.parsing()
                        .limits()
                        .withOcr(config.ocr().withCache(config.dataDir().resolve("ocr-cache"))));
        Optional<Transcriber> transcriber = config.transcription().settings().map(OpenAiTranscriber::new);
        RoutingDocumentParser inProcess =
                new RoutingDocumentParser(parsing.limits(), MediaSettings.defaults(), transcriber);
        inProcess.ocrProblem().ifPresent(problem -> {
            if (config.ocr().mode() == OcrMode.FORCE) {
                throw new IllegalArgumentException("VERITY_OCR=force, but " + problem);
            }
            LOG.warn(
                    "OCR is on ({}), but {}; scans and images will be rejected until it is fixed (or set"
                            + " VERITY_OCR=off)",
                    config.ocr().mode().code(),
                    problem);
        });
        if (!parsing.isolated()) {
            return new Parsers(inProcess, EmbeddedFilesReader.inProcess());
        }
        // the parser processes share one budget of tesseract processes (lock files), so one scan can use all of it
        int workers = config.ingestion().parallelism();
        OcrSettings ocr = parsing.limits().ocr().withSlots(config.dataDir().resolve("ocr-slots"));
        ParsingConfig perProcess = parsing.withLimits(parsing.limits().withOcr(ocr));
        IsolatedDocumentParser isolated = track(new IsolatedDocumentParser(perProcess.isolation(workers)));
        DocumentParser documents = (file, name) -> {
            String type = inProcess.detect(file, name); // once: the parser process is sent it
            return inProcess.isMedia(type) ? inProcess.parse(file, name, type) : isolated.parse(file, name, type);
        };
        // finding the files embedded in a PDF or a legacy Office file is a parse: in the parser processes too
        return new Parsers(documents, isolated::extractEmbedded);
    }

    /** How ingestion reads a file, and how it finds the files embedded in one: both where untrusted parsing runs. */
    private record Parsers(DocumentParser documents, EmbeddedFilesReader.Extractor embeddedFiles) {}

    /**
     * The default model's tokenizer without its graph: chunks are cut the same whichever model embeds them, and
     * inspecting a file loads no model.
     */
    private TokenCounter tokenizerOnly() {
        return track(HuggingFaceTokenCounter.forModel(ModelSpec.bgeSmallEnV15Quantized()));
    }

    private synchronized <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes what was opened, last first; the index commits pending writes on close. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (startedTracing != null) {
            startedTracing.close(); // last: the workers and stores closed above may still have ended spans
            startedTracing = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
