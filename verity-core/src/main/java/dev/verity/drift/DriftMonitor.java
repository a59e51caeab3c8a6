package dev.verity.drift;

import dev.verity.internal.Checks;
import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertSink;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.runs.Feedback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches answers and feedback for drift and raises an {@link Alert} when a {@link DriftRule} fires.
 *
 * <ol>
 *   <li>{@link #answered}, {@link #failed} and {@link #feedback} count into the current minute's bucket, for the
 *       whole service ({@link Alert#ALL_TENANTS}) and for the tenant (up to {@link DriftSettings#maxTenants()}
 *       tenants): constant work under a short lock, safe on a request's path.
 *   <li>{@link #evaluate}, called by a scheduler every minute, adds up the window's and the baseline's buckets and
 *       judges every rule: it fires when both sides have their minimum samples and the window's value exceeds
 *       {@code max(baseline × factor, floor)}.
 *   <li>A rule that fired for a tenant stays quiet for the {@link DriftSettings#cooldown()}; each alert goes to the
 *       {@link AlertSink} with the numbers behind it in its details.
 * </ol>
 *
 * Tenants are judged one by one only when more than one has answered: with a single tenant its alerts would repeat
 * the service-wide ones. Do NOT call {@link #evaluate} on a request's path: it reads every bucket of the ring.
 */
public final class DriftMonitor {
    private static final long MINUTE_MS = 60_000;

    private final DriftSettings settings;
    private final AlertSink sink;
    private final Clock clock;
    private final int ringMinutes;
    private final MinuteBuckets all;
    private final Map<String, MinuteBuckets> tenants = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFired = new ConcurrentHashMap<>();

    public DriftMonitor(DriftSettings settings, AlertSink sink, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ringMinutes = (int) settings.window().plus(settings.baseline()).toMinutes() + 1;
        this.all = new MinuteBuckets(ringMinutes);
    }

    public DriftSettings settings() {
        return settings;
    }

    /** Counts an answer: a query service's answer observer ({@code builder.onAnswer(drift::answered)}). */
    public void answered(QueryRequest request, QueryResult result) {
        answered(
                request.filter().tenant(),
                result.outcome(),
                result.timingsMs().getOrDefault("total", 0L),
                result.answer().generation().costUsd());
    }

    /** Counts an answer of {@code tenant} that took {@code latencyMs} and cost {@code costUsd}. */
    public void answered(String tenant, QueryResult.Outcome outcome, long latencyMs, double costUsd) {
        Checks.nonBlank(tenant, "tenant");
        MinuteBuckets.Kind kind = MinuteBuckets.Kind.valueOf(outcome.name());
        long minute = minute(clock.millis());
        double cost = Double.isFinite(costUsd) && costUsd > 0 ? costUsd : 0;
        long latency = Math.max(0, latencyMs);
        all.answer(minute, latency, cost, kind);
        forTenant(tenant).ifPresent(b -> b.answer(minute, latency, cost, kind));
    }

    /** Counts a question of {@code tenant} that failed with an error instead of an answer. */
    public void failed(String tenant) {
        Checks.nonBlank(tenant, "tenant");
        long minute = minute(clock.millis());
        all.failure(minute);
        forTenant(tenant).ifPresent(b -> b.failure(minute));
    }

    /** Counts a thumbs up or down, in the minute it arrives. */
    public void feedback(Feedback feedback) {
        long minute = minute(clock.millis());
        boolean down = feedback.rating() == Feedback.Rating.DOWN;
        all.thumb(minute, down);
        forTenant(feedback.tenant()).ifPresent(b -> b.thumb(minute, down));
    }

    /**
     * Judges every rule for the service and, when several tenants answered, for each tenant; raises and returns the
     * alerts that fired and are not cooling down.
     */
    public synchronized List<Alert> evaluate() {
        Instant now = clock.instant();
        long current = minute(now.toEpochMilli());
        long windowMinutes = settings.window().toMinutes();
        long windowFrom = current - windowMinutes + 1;
        long baselineTo = windowFrom - 1;
        long baselineFrom = baselineTo - settings.baseline().toMinutes() + 1;
        Map<String, MinuteBuckets> judged = new LinkedHashMap<>();
        judged.put(Alert.ALL_TENANTS, all);
        if (tenants.size() > 1) {
            judged.putAll(tenants);
        }
        List<Alert> raised = new ArrayList<>();
        judged.forEach((tenant, buckets) -> {
            MinuteBuckets.Counts window = buckets.sum(windowFrom, current);
            MinuteBuckets.Counts baseline = buckets.sum(baselineFrom, baselineTo);
            for (DriftRule rule : DriftRule.values()) {
                judge(rule, tenant, window, baseline, now).ifPresent(raised::add);
            }
        });
        for (Alert alert : raised) {
            sink.raise(alert);
        }
        return raised;
    }

    private java.util.Optional<Alert> judge(
            DriftRule rule, String tenant, MinuteBuckets.Counts window, MinuteBuckets.Counts baseline, Instant now) {
        long windowSamples = window.samples(rule);
        if (windowSamples < settings.minWindowSamples()) {
            return java.util.Optional.empty();
        }
        Double fixed = settings.fixedBaselines().get(rule);
        long baselineSamples = baseline.samples(rule);
        if (fixed == null && baselineSamples < settings.minBaselineSamples()) {
            return java.util.Optional.empty();
        }
        double baselineValue = fixed != null ? fixed : baseline.value(rule);
        double windowValue = window.value(rule);
        double factor = settings.factor(rule);
        double threshold = Math.max(baselineValue * factor, rule.floor());
        if (!(windowValue > threshold)) {
            return java.util.Optional.empty();
        }
        String key = rule.code() + "|" + tenant;
        Instant last = lastFired.get(key);
        if (last != null && now.isBefore(last.plus(settings.cooldown()))) {
            return java.util.Optional.empty();
        }
        lastFired.put(key, now);
        String baselineSpan = fixed != null ? "fixed" : span(settings.baseline()) + " before the window";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", rule.code());
        details.put("unit", rule.unit());
        details.put("window", span(settings.window()));
        details.put("window_value", number(rule, windowValue));
        details.put("window_samples", Long.toString(windowSamples));
        details.put("baseline", baselineSpan);
        details.put("baseline_value", number(rule, baselineValue));
        details.put("baseline_samples", fixed != null ? "0" : Long.toString(baselineSamples));
        details.put("factor", number(factor));
        details.put("threshold", number(rule, threshold));
        String ratio = baselineValue > 0 ? String.format(Locale.ROOT, "%.1f× ", windowValue / baselineValue) : "";
        String summary = String.format(
                Locale.ROOT,
                "%s over the last %s is %s, %sits baseline of %s (%s; alert above %s, %d %s in the window)%s: %s",
                capitalized(rule.label()),
                span(settings.window()),
                shown(rule, windowValue),
                ratio,
                shown(rule, baselineValue),
                baselineSpan,
                shown(rule, threshold),
                windowSamples,
                rule == DriftRule.THUMBS_DOWN_SHARE ? "ratings" : "questions",
                tenant.equals(Alert.ALL_TENANTS) ? "" : " for tenant " + tenant,
                advice(rule));
        return java.util.Optional.of(new Alert(rule.code(), rule.severity(), tenant, summary, details, now));
    }

    private java.util.Optional<MinuteBuckets> forTenant(String tenant) {
        MinuteBuckets buckets = tenants.get(tenant);
        if (buckets != null) {
            return java.util.Optional.of(buckets);
        }
        synchronized (tenants) {
            if (tenants.size() >= settings.maxTenants() && !tenants.containsKey(tenant)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(tenants.computeIfAbsent(tenant, t -> new MinuteBuckets(ringMinutes)));
        }
    }

    private static long minute(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MS);
    }

    private static String advice(DriftRule rule) {
        return switch (rule) {
            case P95_LATENCY -> "look at the slowest steps of recent traces (verity_step_seconds)";
            case COST_PER_ANSWER -> "look at tokens per answer and the models answering (verity usage)";
            case ERROR_RATE -> "look at the model provider's health and the degraded answers' reasons";
            case ABSTENTION_RATE -> "look at what was ingested or deleted lately and at retrieval scores";
            case GUARD_BLOCK_RATE -> "look at the audit log's guard blocks: an attack, or a guard too strict";
            case THUMBS_DOWN_SHARE -> "read the comments of recent thumbs-down runs";
        };
    }

    private static String shown(DriftRule rule, double value) {
        return switch (rule.unit()) {
            case "ms" -> String.format(Locale.ROOT, "%.0f ms", value);
            case "usd" -> String.format(Locale.ROOT, "$%.4f", value);
            default -> String.format(Locale.ROOT, "%.1f %%", value * 100);
        };
    }

    /** Whole milliseconds; dollars and shares to six decimals, without trailing zeros. */
    private static String number(DriftRule rule, double value) {
        return rule.unit().equals("ms") ? Long.toString(Math.round(value)) : number(value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
    }

    private static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes >= 2 * 24 * 60) {
            return minutes / (24 * 60) + " d";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
