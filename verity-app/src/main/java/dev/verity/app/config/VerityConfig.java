package dev.verity.app.config;

import dev.verity.ingestion.IngestionSettings;
import dev.verity.ingestion.chunking.ChunkingSettings;
import dev.verity.jdbc.DatabaseSettings;
import dev.verity.parsers.ocr.OcrSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything configurable, read once at the edge (command line and environment) and passed down as records.
 *
 * @param dataDir the folder holding the index and the embedded database
 * @param database where state lives: the embedded H2 file in {@code dataDir/db} unless {@code VERITY_DB_URL} is set
 * @param ingestion file size limit, parallelism, commit batch
 * @param chunking token budget per chunk
 * @param llm the language models that answer, if any (see {@link LlmConfig})
 * @param embedding the model that embeds passages and questions (see {@link EmbeddingConfig})
 * @param transcription the speech-to-text service for audio and video, if any (see {@link TranscriptionConfig})
 * @param parsing parser processes and limits, OCR included (see {@link ParsingConfig}, {@link OcrConfig})
 * @param guards the guards' policies on questions, chunks and answers (see {@link GuardConfig})
 * @param runs how long answer runs are kept and which (see {@link RunsConfig})
 * @param tracing where spans are exported, from the {@code OTEL_*} variables (see {@link TracingConfig}); off by
 *     default
 * @param alerts drift rules and where alerts are posted (see {@link AlertConfig})
 * @param budgets what model calls may cost per tenant and key (see {@link BudgetConfig})
 */
public record VerityConfig(
        Path dataDir,
        DatabaseSettings database,
        IngestionSettings ingestion,
        ChunkingSettings chunking,
        LlmConfig llm,
        EmbeddingConfig embedding,
        TranscriptionConfig transcription,
        ParsingConfig parsing,
        GuardConfig guards,
        RunsConfig runs,
        TracingConfig tracing,
        AlertConfig alerts,
        BudgetConfig budgets) {

    public static final String DATA_ENV = "VERITY_DATA";
    public static final Path DEFAULT_DATA_DIR = Path.of("verity-data");

    public VerityConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(ingestion, "ingestion");
        Objects.requireNonNull(chunking, "chunking");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(transcription, "transcription");
        Objects.requireNonNull(parsing, "parsing");
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(budgets, "budgets");
    }

    /**
     * With the default run-record settings, without tracing, with the default drift rules and no alert webhook,
     * without budgets.
     */
    public VerityConfig(
            Path dataDir,
            DatabaseSettings database,
            IngestionSettings ingestion,
            ChunkingSettings chunking,
            LlmConfig llm,
            EmbeddingConfig embedding,
            TranscriptionConfig transcription,
            ParsingConfig parsing,
            GuardConfig guards) {
        this(
                dataDir,
                database,
                ingestion,
                chunking,
                llm,
                embedding,
                transcription,
                parsing,
                guards,
                RunsConfig.DEFAULT,
                TracingConfig.OFF,
                AlertConfig.DEFAULT,
                BudgetConfig.NONE);
    }

    /** With the default guard policies. */
    public VerityConfig(
            Path dataDir,
            DatabaseSettings database,
            IngestionSettings ingestion,
            ChunkingSettings chunking,
            LlmConfig llm,
            EmbeddingConfig embedding,
            TranscriptionConfig transcription,
            ParsingConfig parsing) {
        this(dataDir, database, ingestion, chunking, llm, embedding, transcription, parsing, GuardConfig.DEFAULT);
    }

    /** Without transcription, with the default parsing: in child processes, with the default limits. */
    public VerityConfig(
            Path dataDir,
            DatabaseSettings database,
            IngestionSettings ingestion,
            ChunkingSettings chunking,
            LlmConfig llm,
            EmbeddingConfig embedding) {
        this(dataDir, database, ingestion, chunking, llm, embedding, TranscriptionConfig.none(), ParsingConfig.DEFAULT);
    }

    /**
     * The configuration for a data folder, with overrides from the environment: {@code VERITY_DB_URL},
     * {@code VERITY_DB_USER}, {@code VERITY_DB_PASSWORD} (server mode on PostgreSQL), {@code VERITY_MAX_FILE_SIZE}
     * (bytes), {@code VERITY_INGEST_PARALLELISM}, {@code VERITY_CHUNK_TOKENS}; the models from {@code VERITY_LLM_*},
     * {@code VERITY_EMBEDDING_*} and the {@code VERITY_CONFIG} file; speech to text from {@code VERITY_TRANSCRIPTION_*};
     * parsing from {@code VERITY_PARSE_*} ({@link ParsingConfig}) and OCR from {@code VERITY_OCR*} ({@link OcrConfig});
     * the guards from {@code VERITY_GUARD_*} ({@link GuardConfig}); run records from {@code VERITY_RUNS_*}
     * ({@link RunsConfig}); tracing from {@code OTEL_*} and {@code VERITY_TRACE_CONTENT} ({@link TracingConfig}); drift
     * and alerts from {@code VERITY_DRIFT_*} and {@code VERITY_ALERT_WEBHOOK_*} ({@link AlertConfig}); budgets from
     * {@code VERITY_BUDGET_DAILY_USD} and the file ({@link BudgetConfig}).
     */
    public static VerityConfig from(Path dataDir, Map<String, String> env) {
        Path data = dataDir.toAbsolutePath().normalize();
        DatabaseSettings database = env.containsKey("VERITY_DB_URL")
                ? new DatabaseSettings(
                        env.get("VERITY_DB_URL"),
                        env.getOrDefault("VERITY_DB_USER", ""),
                        env.getOrDefault("VERITY_DB_PASSWORD", ""),
                        8)
                : DatabaseSettings.embedded(data.resolve("db"));
        IngestionSettings defaults = IngestionSettings.defaults();
        IngestionSettings ingestion = new IngestionSettings(
                longEnv(env, "VERITY_MAX_FILE_SIZE", defaults.maxFileBytes()),
                (int) longEnv(env, "VERITY_INGEST_PARALLELISM", defaults.parallelism()),
                defaults.commitEvery());
        ChunkingSettings chunking =
                new ChunkingSettings((int) longEnv(env, "VERITY_CHUNK_TOKENS", ChunkingSettings.DEFAULT_MAX_TOKENS));
        Map<String, Object> file = ConfigValues.file(env);
        return new VerityConfig(
                data,
                database,
                ingestion,
                chunking,
                LlmConfig.from(env, file),
                EmbeddingConfig.from(env, file),
                TranscriptionConfig.from(env),
                ParsingConfig.from(env, file),
                GuardConfig.from(env, file),
                RunsConfig.from(env, file),
                TracingConfig.from(env),
                AlertConfig.from(env, file),
                BudgetConfig.from(env, file));
    }

    /** The data folder named by {@code --data}, else {@code VERITY_DATA}, else {@code ./verity-data}. */
    public static Path resolveDataDir(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(DATA_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_DATA_DIR : Path.of(fromEnv);
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    public VerityConfig withIngestion(IngestionSettings settings) {
        return new VerityConfig(
                dataDir,
                database,
                settings,
                chunking,
                llm,
                embedding,
                transcription,
                parsing,
                guards,
                runs,
                tracing,
                alerts,
                budgets);
    }

    public VerityConfig withBudgets(BudgetConfig settings) {
        return new VerityConfig(
                dataDir,
                database,
                ingestion,
                chunking,
                llm,
                embedding,
                transcription,
                parsing,
                guards,
                runs,
                tracing,
                alerts,
                settings);
    }

    /** When and how scans and images are read by Tesseract: part of the parser's settings. */
    public OcrSettings ocr() {
        return parsing.limits().ocr();
    }

    public VerityConfig withOcr(OcrSettings settings) {
        return new VerityConfig(
                dataDir,
                database,
                ingestion,
                chunking,
                llm,
                embedding,
                transcription,
                parsing.withLimits(parsing.limits().withOcr(settings)),
                guards,
                runs,
                tracing,
                alerts,
                budgets);
    }

    private static long longEnv(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
        }
    }
}
