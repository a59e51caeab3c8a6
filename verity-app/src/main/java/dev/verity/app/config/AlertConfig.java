package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.text;

import dev.verity.app.observability.alerts.WebhookSettings;
import dev.verity.drift.DriftRule;
import dev.verity.drift.DriftSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift rules and alert delivery, from the environment and the {@code alerts:} section of the {@code VERITY_CONFIG}
 * file; an environment variable wins over the file. A mistake stops start-up with a message naming the setting (never
 * the webhook URL, which may carry a token, nor a header value or the secret).
 *
 * <p>Environment: {@code VERITY_ALERT_WEBHOOK_URL} (where alerts are posted as JSON; default none: alerts are
 * recorded only), {@code VERITY_ALERT_WEBHOOK_HEADERS} (extra headers, {@code Name: value} pairs separated by
 * {@code ;}), {@code VERITY_ALERT_WEBHOOK_SECRET} (signs each body: {@code X-Verity-Signature: sha256=<hex HMAC>}),
 * {@code VERITY_DRIFT} ({@code off} stops the drift monitor), {@code VERITY_DRIFT_WINDOW} (default {@code 15m}),
 * {@code VERITY_DRIFT_BASELINE} (default {@code 24h}), {@code VERITY_DRIFT_COOLDOWN} (default {@code 1h}),
 * {@code VERITY_DRIFT_MIN_SAMPLES} (answers in the window; default 20).
 *
 * <pre>
 * alerts:
 *   webhook:
 *     url_env: SLACK_WEBHOOK_URL       # or url: https://...
 *     headers: {X-Team: search}
 *     secret_env: VERITY_HOOK_SECRET
 *     max_attempts: 4
 *     timeout_ms: 5000
 *   drift:
 *     enabled: true
 *     window: 15m
 *     baseline: 24h
 *     cooldown: 1h
 *     min_samples: 20
 *     min_baseline_samples: 100
 *     max_tenants: 20
 *     rules:                            # per rule: factor (&gt; 1), and a fixed baseline instead of the rolling one
 *       p95_latency: {factor: 2.0}
 *       cost_per_answer: {factor: 2.0}
 *       error_rate: {factor: 2.0, baseline: 0.01}
 *       abstention_rate: {factor: 1.5}
 *       guard_block_rate: {factor: 2.0}
 *       thumbs_down: {factor: 1.5}
 * </pre>
 *
 * @param driftEnabled whether the server runs the drift monitor
 * @param drift windows, thresholds and minimum samples of the drift rules
 * @param webhook where alerts are posted, if anywhere
 */
public record AlertConfig(boolean driftEnabled, DriftSettings drift, WebhookSettings webhook) {
    public static final AlertConfig DEFAULT = new AlertConfig(true, DriftSettings.defaults(), WebhookSettings.none());

    private static final String WEBHOOK_ENV = "VERITY_ALERT_WEBHOOK_";
    private static final String DRIFT_ENV = "VERITY_DRIFT";
    private static final List<String> KEYS = List.of("webhook", "drift");
    private static final List<String> WEBHOOK_KEYS =
            List.of("url", "url_env", "headers", "secret_env", "max_attempts", "timeout_ms");
    private static final List<String> DRIFT_KEYS = List.of(
            "enabled", "window", "baseline", "cooldown", "min_samples", "min_baseline_samples", "max_tenants", "rules");
    private static final List<String> RULE_KEYS = List.of("factor", "baseline");

    public AlertConfig {
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(webhook, "webhook");
    }

    static AlertConfig from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> alerts = map(file.get("alerts"), "alerts");
        known(alerts, KEYS, "alerts");
        return new AlertConfig(
                enabled(env, map(alerts.get("drift"), "alerts.drift")),
                drift(env, map(alerts.get("drift"), "alerts.drift")),
                webhook(env, map(alerts.get("webhook"), "alerts.webhook")));
    }

    private static boolean enabled(Map<String, String> env, Map<String, Object> drift) {
        String value = first(env, DRIFT_ENV, drift, "enabled", "alerts.drift.enabled");
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default ->
                throw new IllegalArgumentException(
                        DRIFT_ENV + " (or alerts.drift.enabled) must be on or off, got \"" + value + "\"");
        };
    }

    private static DriftSettings drift(Map<String, String> env, Map<String, Object> drift) {
        known(drift, DRIFT_KEYS, "alerts.drift");
        DriftSettings d = DriftSettings.defaults();
        Duration window = duration(env, drift, "window", d.window());
        Duration baseline = duration(env, drift, "baseline", d.baseline());
        Duration cooldown = duration(env, drift, "cooldown", d.cooldown());
        int minSamples = (int) ConfigValues.number(
                first(env, DRIFT_ENV + "_MIN_SAMPLES", drift, "min_samples", "alerts.drift.min_samples"),
                DRIFT_ENV + "_MIN_SAMPLES",
                d.minWindowSamples());
        int minBaseline = (int) ConfigValues.number(
                drift.get("min_baseline_samples"), "alerts.drift.min_baseline_samples", d.minBaselineSamples());
        int maxTenants =
                (int) ConfigValues.number(drift.get("max_tenants"), "alerts.drift.max_tenants", d.maxTenants());
        Map<DriftRule, Double> factors = new LinkedHashMap<>();
        Map<DriftRule, Double> fixed = new LinkedHashMap<>();
        map(drift.get("rules"), "alerts.drift.rules").forEach((name, value) -> {
            String where = "alerts.drift.rules." + name;
            DriftRule rule;
            try {
                rule = DriftRule.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            Map<String, Object> entry = map(value, where);
            known(entry, RULE_KEYS, where);
            decimal(entry.get("factor"), where + ".factor").ifPresent(f -> factors.put(rule, f));
            decimal(entry.get("baseline"), where + ".baseline").ifPresent(b -> fixed.put(rule, b));
        });
        try {
            return new DriftSettings(window, baseline, cooldown, minSamples, minBaseline, factors, fixed, maxTenants);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alerts.drift (or VERITY_DRIFT_*): " + e.getMessage());
        }
    }

    private static WebhookSettings webhook(Map<String, String> env, Map<String, Object> hook) {
        known(hook, WEBHOOK_KEYS, "alerts.webhook");
        String url = env.get(WEBHOOK_ENV + "URL");
        String where = WEBHOOK_ENV + "URL";
        if (url == null || url.isBlank()) {
            where = "alerts.webhook.url";
            url = text(hook.get("url"), where);
            String urlEnv = text(hook.get("url_env"), "alerts.webhook.url_env");
            if (url == null && urlEnv != null) {
                where = urlEnv + " (named by alerts.webhook.url_env)";
                url = env.get(urlEnv);
            }
        }
        WebhookSettings settings = WebhookSettings.none();
        if (url != null && !url.isBlank()) {
            settings = settings.withUrl(uri(url.strip(), where));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        map(hook.get("headers"), "alerts.webhook.headers")
                .forEach((name, value) -> headers.put(name, text(value, "alerts.webhook.headers." + name)));
        headers.putAll(headers(env.get(WEBHOOK_ENV + "HEADERS")));
        String secret = env.get(WEBHOOK_ENV + "SECRET");
        String secretEnv = text(hook.get("secret_env"), "alerts.webhook.secret_env");
        if ((secret == null || secret.isBlank()) && secretEnv != null) {
            secret = env.get(secretEnv);
        }
        int attempts = (int) ConfigValues.number(
                hook.get("max_attempts"), "alerts.webhook.max_attempts", WebhookSettings.DEFAULT_MAX_ATTEMPTS);
        long timeoutMs = ConfigValues.number(
                hook.get("timeout_ms"), "alerts.webhook.timeout_ms", WebhookSettings.DEFAULT_TIMEOUT.toMillis());
        return settings.withHeaders(headers, Optional.ofNullable(secret).filter(s -> !s.isBlank()))
                .withRetries(attempts, Duration.ofMillis(timeoutMs), WebhookSettings.DEFAULT_BACKOFF);
    }

    /** {@code Name: value; Name2: value}: a header value must not hold {@code ;}. */
    static Map<String, String> headers(String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return headers;
        }
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String name = colon < 0 ? "" : pair.substring(0, colon).strip();
            if (colon < 0 || name.isEmpty() || !name.matches("[A-Za-z0-9-]+")) {
                // the value may be a token: only its position is named
                throw new IllegalArgumentException(WEBHOOK_ENV + "HEADERS must be \"Name: value\" pairs separated by"
                        + " ';', but entry " + (headers.size() + 1) + " is not");
            }
            headers.put(name, pair.substring(colon + 1).strip());
        }
        return headers;
    }

    private static URI uri(String url, String where) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException("(hidden)", "not an http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the URL may carry a token: never repeated in the message
            throw new IllegalArgumentException(where + " must be an http or https URL such as"
                    + " https://hooks.example.com/services/..., and the one given is not (" + e.getReason() + ")");
        }
    }

    private static Duration duration(
            Map<String, String> env, Map<String, Object> drift, String key, Duration fallback) {
        String envName = DRIFT_ENV + "_" + key.toUpperCase(Locale.ROOT);
        String value = first(env, envName, drift, key, "alerts.drift." + key);
        return Durations.parse(value, env.containsKey(envName) ? envName : "alerts.drift." + key)
                .orElse(fallback);
    }

    private static Optional<Double> decimal(Object value, String where) {
        String s = text(value, where);
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number, got \"" + s + "\"");
        }
    }

    private static String first(
            Map<String, String> env, String envName, Map<String, Object> section, String key, String where) {
        String fromEnv = env.get(envName);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : text(section.get(key), where);
    }

    private static void known(Map<String, Object> section, List<String> keys, String where) {
        for (String key : section.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(
                        where + "." + key + ": unknown key in VERITY_CONFIG; known keys: " + String.join(", ", keys));
            }
        }
    }
}
