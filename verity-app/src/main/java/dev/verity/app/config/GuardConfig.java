package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.text;

import dev.verity.document.DocumentIds;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guards.injection.InjectionPolicy;
import dev.verity.guards.moderation.ModerationGuard;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The guards' policies, from the environment and the {@code guards:} section of the {@code VERITY_CONFIG} file; an
 * environment variable wins over the file. Any mistake stops start-up with a message naming the setting.
 *
 * <p>Environment: {@code VERITY_GUARD_QUESTION_FLAG_AT}, {@code VERITY_GUARD_QUESTION_BLOCK_AT} (injection score
 * from which a question is flagged or refused; defaults 0.5 and 0.8), {@code VERITY_GUARD_CHUNK_FLAG_AT},
 * {@code VERITY_GUARD_CHUNK_BLOCK_AT} (the same for chunks at ingestion, where a block quarantines the chunk; defaults
 * 0.5 and {@code never}), {@code VERITY_GUARD_ANSWER_HOSTS} (hosts an answer may link to or show images from, comma
 * separated; default none), {@code VERITY_GUARD_ANSWER_MASK_PII} ({@code true} masks personal data in answers;
 * default {@code false}), {@code VERITY_GUARD_MODERATION_URL} (an OpenAI-compatible API root such as
 * {@code https://api.openai.com/v1}: each question is also sent to its {@code /moderations}, and the stricter verdict
 * wins; default off), {@code VERITY_GUARD_MODERATION_MODEL} (default {@code omni-moderation-latest}),
 * {@code VERITY_GUARD_MODERATION_KEY} (the bearer token; in the file, {@code api_key_env} names the variable holding
 * it).
 *
 * <pre>
 * guards:
 *   question: {flag_at: 0.5, block_at: 0.8}
 *   chunk: {flag_at: 0.5, block_at: never}
 *   collections:            # chunk policies of single collections
 *     public-web: {flag_at: 0.5, block_at: 0.8}
 *   answer:
 *     allowed_hosts: [intranet.example.com]
 *     mask_pii: false
 *   moderation:             # off unless base_url is set
 *     base_url: https://api.openai.com/v1
 *     model: omni-moderation-latest
 *     api_key_env: OPENAI_API_KEY
 * </pre>
 *
 * @param question what to do with questions by injection score
 * @param chunk what to do with chunks of collections not in {@code collections}
 * @param collections chunk policies of named collections
 * @param answerHosts hosts answers may link to (and subdomains)
 * @param maskPii whether answers have personal data masked
 * @param moderation the moderation endpoint asked about every question, if configured
 * @param redactPii the collections whose documents have personal data masked at ingestion ({@code VERITY_GUARD_REDACT_PII}
 *     or {@code guards.redact_pii}: {@code all}, or collection names); {@code *} stands for all
 */
public record GuardConfig(
        InjectionPolicy question,
        InjectionPolicy chunk,
        Map<String, InjectionPolicy> collections,
        Set<String> answerHosts,
        boolean maskPii,
        Optional<ModerationGuard.Settings> moderation,
        Set<String> redactPii) {

    /** Every collection, in {@link #redactPii}. */
    public static final String ALL = "*";

    public static final GuardConfig DEFAULT = new GuardConfig(
            InjectionPolicy.QUESTIONS, InjectionPolicy.CHUNKS, Map.of(), Set.of(), false, Optional.empty(), Set.of());

    private static final String ENV = "VERITY_GUARD_";
    private static final List<String> KEYS =
            List.of("question", "chunk", "collections", "answer", "moderation", "redact_pii");
    private static final List<String> MODERATION_KEYS = List.of("base_url", "model", "api_key_env");
    private static final List<String> POLICY_KEYS = List.of("flag_at", "block_at");
    private static final List<String> ANSWER_KEYS = List.of("allowed_hosts", "mask_pii");

    public GuardConfig {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(chunk, "chunk");
        collections = Map.copyOf(collections);
        answerHosts = Set.copyOf(answerHosts);
        Objects.requireNonNull(moderation, "moderation");
        redactPii = Set.copyOf(redactPii);
    }

    static GuardConfig from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> guards = map(file.get("guards"), "guards");
        known(guards.keySet(), KEYS, "guards");
        InjectionPolicy question = policy(env, guards, "question", InjectionPolicy.QUESTIONS);
        InjectionPolicy chunk = policy(env, guards, "chunk", InjectionPolicy.CHUNKS);
        Map<String, InjectionPolicy> collections = new LinkedHashMap<>();
        map(guards.get("collections"), "guards.collections").forEach((name, value) -> {
            String where = "guards.collections." + name;
            Map<String, Object> entry = map(value, where);
            known(entry.keySet(), POLICY_KEYS, where);
            collections.put(name, policy(Map.of(), entry, where, "", chunk));
        });
        Map<String, Object> answer = map(guards.get("answer"), "guards.answer");
        known(answer.keySet(), ANSWER_KEYS, "guards.answer");
        Set<String> hosts = hosts(env.get(ENV + "ANSWER_HOSTS"), answer.get("allowed_hosts"));
        String mask = firstOf(env, ENV + "ANSWER_MASK_PII", answer, "mask_pii", "guards.answer.mask_pii");
        return new GuardConfig(
                question,
                chunk,
                collections,
                hosts,
                bool(mask, ENV + "ANSWER_MASK_PII"),
                moderation(env, guards),
                redacted(env.get(ENV + "REDACT_PII"), guards.get("redact_pii")));
    }

    private static Optional<ModerationGuard.Settings> moderation(Map<String, String> env, Map<String, Object> guards) {
        Map<String, Object> entry = map(guards.get("moderation"), "guards.moderation");
        known(entry.keySet(), MODERATION_KEYS, "guards.moderation");
        String url = firstOf(env, ENV + "MODERATION_URL", entry, "base_url", "guards.moderation.base_url");
        if (url == null) {
            return Optional.empty();
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(ENV + "MODERATION_URL (guards.moderation.base_url) must be an http(s)"
                    + " URL, got \"" + url + "\"");
        }
        String model = firstOf(env, ENV + "MODERATION_MODEL", entry, "model", "guards.moderation.model");
        String keyVariable = text(entry.get("api_key_env"), "guards.moderation.api_key_env");
        String key = text(env.get(ENV + "MODERATION_KEY"), ENV + "MODERATION_KEY");
        if (key == null && keyVariable != null) {
            key = text(env.get(keyVariable), keyVariable);
            if (key == null) {
                throw new IllegalArgumentException(
                        "guards.moderation.api_key_env names " + keyVariable + ", which is not set");
            }
        }
        return Optional.of(new ModerationGuard.Settings(
                url,
                model == null ? ModerationGuard.Settings.DEFAULT_MODEL : model,
                Optional.ofNullable(key),
                ModerationGuard.Settings.DEFAULT_TIMEOUT,
                GuardVerdict.Action.BLOCK,
                false));
    }

    private static InjectionPolicy policy(
            Map<String, String> env, Map<String, Object> guards, String kind, InjectionPolicy fallback) {
        String where = "guards." + kind;
        Map<String, Object> entry = map(guards.get(kind), where);
        known(entry.keySet(), POLICY_KEYS, where);
        return policy(env, entry, where, ENV + kind.toUpperCase(Locale.ROOT) + "_", fallback);
    }

    private static InjectionPolicy policy(
            Map<String, String> env, Map<String, Object> entry, String where, String prefix, InjectionPolicy fallback) {
        String flag = firstOf(env, prefix + "FLAG_AT", entry, "flag_at", where + ".flag_at");
        String block = firstOf(env, prefix + "BLOCK_AT", entry, "block_at", where + ".block_at");
        String names = prefix.isEmpty() ? where : prefix + "FLAG_AT/BLOCK_AT (" + where + ")";
        try {
            return new InjectionPolicy(
                    flag == null ? fallback.flagAt() : score(flag, names),
                    block == null
                            ? fallback.blockAt()
                            : block.equalsIgnoreCase("never") ? InjectionPolicy.NEVER : score(block, names));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith(names) ? e.getMessage() : names + ": " + e.getMessage());
        }
    }

    private static double score(String value, String names) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    names + ": a score must be a number from 0 to 1 (or never), got \"" + value + "\"");
        }
    }

    private static String firstOf(
            Map<String, String> env, String variable, Map<String, Object> entry, String key, String where) {
        String fromEnv = env.isEmpty() ? null : text(env.get(variable), variable);
        return fromEnv != null ? fromEnv : text(entry.get(key), where);
    }

    /** {@code all} (or {@code *}) for every collection, else the collection names, each checked. */
    private static Set<String> redacted(String fromEnv, Object fromFile) {
        String where = fromEnv != null && !fromEnv.isBlank() ? ENV + "REDACT_PII" : "guards.redact_pii";
        Set<String> names = new TreeSet<>();
        for (String name : hosts(fromEnv, fromFile)) {
            if (name.equals("all") || name.equals(ALL)) {
                return Set.of(ALL);
            }
            try {
                names.add(DocumentIds.requireCollection(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage() + " (or all)");
            }
        }
        return names;
    }

    private static Set<String> hosts(String fromEnv, Object fromFile) {
        List<String> listed;
        if (fromEnv != null && !fromEnv.isBlank()) {
            listed = Arrays.asList(fromEnv.split(","));
        } else if (fromFile instanceof List<?> list) {
            listed = list.stream().map(String::valueOf).toList();
        } else if (fromFile == null) {
            listed = List.of();
        } else {
            listed = Arrays.asList(String.valueOf(fromFile).split(","));
        }
        return listed.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean bool(String value, String where) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(where + " must be true or false, got \"" + value + "\"");
        };
    }

    private static void known(Set<String> keys, List<String> known, String where) {
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + "." + key + " is not a guard setting; known: " + known);
            }
        }
    }
}
