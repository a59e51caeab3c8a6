package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.number;
import static dev.verity.app.config.ConfigValues.put;
import static dev.verity.app.config.ConfigValues.text;

import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.resilience.ResilienceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which language models answer, read at start-up from the environment and an optional YAML file; any mistake stops
 * start-up with a message naming the setting, never a secret.
 *
 * <p>Environment (the primary model): {@code VERITY_LLM_PROVIDER} ({@code openai}, {@code azure-openai},
 * {@code anthropic}, {@code gemini}, {@code ollama}, {@code none}), {@code VERITY_LLM_BASE_URL},
 * {@code VERITY_LLM_API_KEY} or {@code VERITY_LLM_API_KEY_FILE}, {@code VERITY_LLM_MODEL},
 * {@code VERITY_LLM_TIMEOUT_MS}, and for Azure {@code VERITY_LLM_AZURE_DEPLOYMENT},
 * {@code VERITY_LLM_AZURE_API_VERSION}.
 *
 * <p>Environment (the evaluation judge, optional): {@code VERITY_JUDGE_PROVIDER} (the same codes, or {@code none}),
 * {@code VERITY_JUDGE_MODEL}, {@code VERITY_JUDGE_BASE_URL}, {@code VERITY_JUDGE_API_KEY} or
 * {@code VERITY_JUDGE_API_KEY_FILE}, {@code VERITY_JUDGE_TIMEOUT_MS}, {@code VERITY_JUDGE_AZURE_DEPLOYMENT},
 * {@code VERITY_JUDGE_AZURE_API_VERSION}; when {@code VERITY_JUDGE_PROVIDER} is set they replace the file's
 * {@code llm.judge} as a whole.
 *
 * <p>File ({@code VERITY_CONFIG}): the fallback chain, prices, resilience and the judge:
 * <pre>
 * llm:
 *   providers:              # tried in order; VERITY_LLM_* replaces the first
 *     - provider: openai
 *       base_url: https://api.openai.com/v1
 *       api_key_env: OPENAI_API_KEY     # or api_key_file: /run/secrets/openai, or api_key (discouraged)
 *       model: gpt-4o-mini
 *       timeout_ms: 30000
 *     - provider: ollama
 *       model: llama3.1
 *   prices:                 # US dollars per million tokens
 *     gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.60}
 *   resilience:
 *     max_attempts: 3
 *     failure_threshold: 5
 *     open_seconds: 30
 *     max_concurrent_calls: 32
 *   judge:                  # grades answers in evaluations; none unless configured here or by VERITY_JUDGE_*
 *     provider: openai      # the keys of a providers entry; timeout_ms defaults to 60000
 *     model: gpt-4o
 *     api_key_env: OPENAI_API_KEY
 *     # or, deliberately: use_answer_model: true   (the first answer model grades its own answers)
 * answers:
 *   cache:                  # exact-answer cache; ttl_seconds: 0 turns it off
 *     ttl_seconds: 600
 *     max_entries: 10000
 *   routing:                # on the first provider: easy questions to the cheap model, hard ones to the strong one
 *     easy_model: gpt-4o-mini
 *     hard_model: gpt-4o
 *     threshold: 0.4
 *   prompt:
 *     version: 1            # default: the newest shipped
 *     candidate: 2          # A/B test: this version for a share of questions
 *     candidate_share: 0.1
 * </pre>
 *
 * @param chain providers in fallback order; empty when no model is configured (extractive answers)
 * @param timeouts the total timeout of each provider's calls, same order
 * @param prices what models cost
 * @param resilience retry, circuit and bulkhead settings shared by all providers
 * @param answers the answer cache, routing and prompt version
 * @param judge the model that grades answers in evaluations; empty when none is configured (never the answer model
 *     by default: a model grading its own answers is lenient with them)
 */
public record LlmConfig(
        List<ProviderSettings> chain,
        List<Duration> timeouts,
        PriceTable prices,
        ResilienceSettings resilience,
        AnswerOptions answers,
        Optional<Judge> judge) {

    public static final LlmConfig NONE = new LlmConfig(
            List.of(),
            List.of(),
            PriceTable.EMPTY,
            ResilienceSettings.defaults(),
            AnswerOptions.DEFAULTS,
            Optional.empty());

    /** The default wait for a whole answer from a model. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The default wait for a judge's verdict: it writes more than an answer (a verdict per claim), and no user waits. */
    static final Duration DEFAULT_JUDGE_TIMEOUT = Duration.ofSeconds(60);

    private static final String JUDGE_ENV = "VERITY_JUDGE_";

    /** The settings an {@code llm.judge} entry may carry besides {@code use_answer_model}; others are typos. */
    private static final List<String> JUDGE_KEYS = List.of(
            "provider",
            "base_url",
            "api_key",
            "api_key_file",
            "api_key_env",
            "model",
            "timeout_ms",
            "azure_deployment",
            "azure_api_version");

    /**
     * The evaluation judge's model.
     *
     * @param provider how to reach it
     * @param timeout the total timeout of each of its calls, retries included
     */
    public record Judge(ProviderSettings provider, Duration timeout) {
        public Judge {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    public LlmConfig {
        chain = List.copyOf(chain);
        timeouts = List.copyOf(timeouts);
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(judge, "judge");
        if (chain.size() != timeouts.size()) {
            throw new IllegalArgumentException("every provider needs a timeout");
        }
    }

    public boolean configured() {
        return !chain.isEmpty();
    }

    /** Reads the configuration; {@code env} is the process environment. */
    public static LlmConfig from(Map<String, String> env) {
        return from(env, ConfigValues.file(env));
    }

    /** Reads the configuration from the environment and the already read {@code VERITY_CONFIG} file. */
    static LlmConfig from(Map<String, String> env, Map<String, Object> file) {
        ConfigKeys.checkLlmAndAnswers(file);
        Map<String, Object> llm = map(file.get("llm"), "llm");
        List<Map<String, Object>> entries = new ArrayList<>();
        Object providers = llm.get("providers");
        if (providers != null) {
            if (!(providers instanceof List<?> list)) {
                throw new IllegalArgumentException("llm.providers in VERITY_CONFIG must be a list, got " + providers);
            }
            for (int i = 0; i < list.size(); i++) {
                entries.add(map(list.get(i), "llm.providers[" + i + "]"));
            }
        }
        String envProvider = env.getOrDefault("VERITY_LLM_PROVIDER", "").strip();
        if (envProvider.equals("none")) {
            entries.clear();
        } else if (!envProvider.isEmpty()) {
            Map<String, Object> primary = new LinkedHashMap<>();
            primary.put("provider", envProvider);
            put(primary, "base_url", env.get("VERITY_LLM_BASE_URL"));
            put(primary, "api_key", env.get("VERITY_LLM_API_KEY"));
            put(primary, "api_key_file", env.get("VERITY_LLM_API_KEY_FILE"));
            put(primary, "model", env.get("VERITY_LLM_MODEL"));
            put(primary, "timeout_ms", env.get("VERITY_LLM_TIMEOUT_MS"));
            put(primary, "azure_deployment", env.get("VERITY_LLM_AZURE_DEPLOYMENT"));
            put(primary, "azure_api_version", env.get("VERITY_LLM_AZURE_API_VERSION"));
            primary.put("origin", "VERITY_LLM_*");
            if (entries.isEmpty()) {
                entries.add(primary);
            } else {
                entries.set(0, primary);
            }
        }
        List<ProviderSettings> chain = new ArrayList<>();
        List<Duration> timeouts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String where = (String) e.getOrDefault("origin", "llm.providers[" + i + "]");
            chain.add(ConfigValues.provider(
                    e,
                    where,
                    env,
                    "VERITY_LLM_",
                    "openai, azure-openai, anthropic, gemini," + " ollama",
                    "gpt-4o-mini"));
            timeouts.add(Duration.ofMillis(number(
                    e.get("timeout_ms"), ConfigValues.setting(where, "timeout_ms"), DEFAULT_TIMEOUT.toMillis())));
        }
        AnswerOptions answers = answers(map(file.get("answers"), "answers"));
        if (answers.routing().isPresent() && chain.isEmpty()) {
            throw new IllegalArgumentException(
                    "answers.routing needs a language model: configure llm.providers or" + " VERITY_LLM_PROVIDER");
        }
        return new LlmConfig(
                chain,
                timeouts,
                prices(map(llm.get("prices"), "llm.prices")),
                resilience(map(llm.get("resilience"), "llm.resilience")),
                answers,
                judge(llm, env, chain, timeouts));
    }

    /**
     * The judge from {@code VERITY_JUDGE_*}, else from {@code llm.judge}; empty when neither names one. The answer
     * model is reused only when {@code use_answer_model: true} says so.
     */
    private static Optional<Judge> judge(
            Map<String, Object> llm, Map<String, String> env, List<ProviderSettings> chain, List<Duration> timeouts) {
        String where = "llm.judge";
        Map<String, Object> entry = map(llm.get("judge"), where);
        String envProvider = env.getOrDefault(JUDGE_ENV + "PROVIDER", "").strip();
        if (envProvider.equals("none")) {
            return Optional.empty();
        }
        if (!envProvider.isEmpty()) {
            where = JUDGE_ENV + "*";
            entry = new LinkedHashMap<>();
            entry.put("provider", envProvider);
            for (String key : JUDGE_KEYS) {
                if (!key.equals("provider") && !key.equals("api_key_env")) {
                    put(entry, key, env.get(judgeVariable(key)));
                }
            }
        } else {
            for (String key : JUDGE_KEYS) {
                String variable = judgeVariable(key);
                if (!key.equals("provider")
                        && env.get(variable) != null
                        && !env.get(variable).isBlank()) {
                    throw new IllegalArgumentException(variable + " is set, but " + JUDGE_ENV + "PROVIDER is not: set"
                            + " it to openai, azure-openai, anthropic, gemini or ollama to configure a judge model (or"
                            + " unset " + variable + ")");
                }
            }
        }
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (entry.containsKey("use_answer_model")) {
            return answerModelAsJudge(entry, chain, timeouts);
        }
        for (String key : entry.keySet()) {
            if (!JUDGE_KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        where + "." + key + " is not a judge setting; known: " + JUDGE_KEYS + " or use_answer_model");
            }
        }
        ProviderSettings provider = ConfigValues.provider(
                entry, where, env, JUDGE_ENV, "openai, azure-openai, anthropic, gemini, ollama", "gpt-4o");
        return Optional.of(new Judge(
                provider,
                Duration.ofMillis(
                        number(entry.get("timeout_ms"), where + ".timeout_ms", DEFAULT_JUDGE_TIMEOUT.toMillis()))));
    }

    /** {@code llm.judge: {use_answer_model: true}}: the first answer model, with its timeout, grades. */
    private static Optional<Judge> answerModelAsJudge(
            Map<String, Object> entry, List<ProviderSettings> chain, List<Duration> timeouts) {
        String where = "llm.judge.use_answer_model";
        if (entry.size() > 1) {
            throw new IllegalArgumentException(where + " takes no other judge settings, got "
                    + entry.keySet().stream()
                            .filter(k -> !k.equals("use_answer_model"))
                            .toList()
                    + ": either reuse the answer model or describe another one");
        }
        String value = text(entry.get("use_answer_model"), where);
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new IllegalArgumentException(where + " must be true or false, got \"" + value + "\"");
        }
        if (value.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(where + " needs an answer model: configure llm.providers or"
                    + " VERITY_LLM_PROVIDER, or give the judge its own provider and model");
        }
        return Optional.of(new Judge(chain.getFirst(), timeouts.getFirst()));
    }

    private static String judgeVariable(String key) {
        return JUDGE_ENV + key.toUpperCase(Locale.ROOT);
    }

    private static AnswerOptions answers(Map<String, Object> a) {
        AnswerOptions d = AnswerOptions.DEFAULTS;
        Map<String, Object> cache = map(a.get("cache"), "answers.cache");
        Map<String, Object> routing = map(a.get("routing"), "answers.routing");
        Map<String, Object> prompt = map(a.get("prompt"), "answers.prompt");
        Optional<AnswerOptions.Routing> route = Optional.empty();
        if (!routing.isEmpty()) {
            String easy = text(routing.get("easy_model"), "answers.routing.easy_model");
            String hard = text(routing.get("hard_model"), "answers.routing.hard_model");
            if (easy == null || hard == null) {
                throw new IllegalArgumentException("answers.routing needs easy_model and hard_model");
            }
            String threshold = text(routing.get("threshold"), "answers.routing.threshold");
            route = Optional.of(new AnswerOptions.Routing(
                    easy,
                    hard,
                    threshold == null
                            ? DifficultyRouter.DEFAULT_THRESHOLD
                            : decimal(threshold, "answers.routing.threshold")));
        }
        String ttl = text(cache.get("ttl_seconds"), "answers.cache.ttl_seconds");
        String share = text(prompt.get("candidate_share"), "answers.prompt.candidate_share");
        return new AnswerOptions(
                ttl == null
                        ? d.cacheTtl()
                        : Duration.ofSeconds(ttl.equals("0") ? 0 : number(ttl, "answers.cache.ttl_seconds", 0)),
                number(cache.get("max_entries"), "answers.cache.max_entries", d.cacheMaxEntries()),
                route,
                version(prompt.get("version"), "answers.prompt.version"),
                version(prompt.get("candidate"), "answers.prompt.candidate"),
                share == null ? 0 : decimal(share, "answers.prompt.candidate_share"));
    }

    private static OptionalInt version(Object value, String where) {
        return value == null ? OptionalInt.empty() : OptionalInt.of((int) number(value, where, 0));
    }

    private static PriceTable prices(Map<String, Object> prices) {
        Map<String, PriceTable.ModelPrice> table = new LinkedHashMap<>();
        prices.forEach((model, value) -> {
            Map<String, Object> p = map(value, "llm.prices." + model);
            table.put(
                    model,
                    new PriceTable.ModelPrice(
                            decimal(p.get("input_per_million"), "llm.prices." + model + ".input_per_million"),
                            decimal(p.get("output_per_million"), "llm.prices." + model + ".output_per_million")));
        });
        return new PriceTable(table);
    }

    private static ResilienceSettings resilience(Map<String, Object> r) {
        ResilienceSettings d = ResilienceSettings.defaults();
        return new ResilienceSettings(
                d.totalTimeout(),
                d.firstTokenTimeout(),
                (int) number(r.get("max_attempts"), "llm.resilience.max_attempts", d.maxAttempts()),
                d.initialBackoff(),
                d.maxBackoff(),
                d.maxRetryAfter(),
                (int) number(r.get("failure_threshold"), "llm.resilience.failure_threshold", d.failureThreshold()),
                Duration.ofSeconds(number(
                        r.get("open_seconds"),
                        "llm.resilience.open_seconds",
                        d.openDuration().toSeconds())),
                (int) number(
                        r.get("max_concurrent_calls"), "llm.resilience.max_concurrent_calls", d.maxConcurrentCalls()));
    }

    private static double decimal(Object value, String where) {
        String s = text(value, where);
        if (s == null) {
            throw new IllegalArgumentException(where + " is missing");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number, got \"" + s + "\"");
        }
    }
}
