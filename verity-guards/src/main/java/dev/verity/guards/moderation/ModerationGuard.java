package dev.verity.guards.moderation;

import dev.verity.guardrails.Guard;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.internal.Checks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A classifier served by an OpenAI-compatible moderation endpoint ({@code POST {baseUrl}/moderations} with
 * {@code {"model", "input"}}; the reply's {@code results[0]} has {@code flagged}, {@code categories} and
 * {@code category_scores}) as a question guard, to be combined with the rules ({@link Guard#strictest}). A flagged
 * text gets {@code action} (block by default) with a {@code moderation:<category>} label per category the endpoint
 * set; otherwise it is allowed. Off by default: it sends each question out of the process.
 *
 * <p>When the endpoint fails (unreachable, timed out, an error status, a reply of another shape) the guard does not
 * fail the question: it allows it with the label {@value #UNAVAILABLE} and says why, so the rules still decide — unless
 * built {@code failClosed}, when it blocks instead. Verdicts are named {@code moderation:<model>}.
 *
 * <pre>{@code
 * Guard<String> questions = Guard.strictest(
 *         new QuestionGuard(new InjectionDetector(), InjectionPolicy.QUESTIONS),
 *         new ModerationGuard(ModerationGuard.Settings.openAi(apiKey)));
 * }</pre>
 */
public final class ModerationGuard implements Guard<String> {
    public static final String UNAVAILABLE = "moderation_unavailable";

    /**
     * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
     * @param model the moderation model, e.g. {@code omni-moderation-latest}
     * @param apiKey sent as a bearer token; empty for a local server without auth
     * @param timeout how long one call may take
     * @param action what to do with a text the endpoint flags
     * @param failClosed block (instead of allow) when the endpoint cannot answer
     */
    public record Settings(
            String baseUrl,
            String model,
            Optional<String> apiKey,
            Duration timeout,
            GuardVerdict.Action action,
            boolean failClosed) {
        public static final String OPENAI = "https://api.openai.com/v1";
        public static final String DEFAULT_MODEL = "omni-moderation-latest";
        /** Moderation is fast; a question should not wait long for a second opinion. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

        public Settings {
            Checks.nonBlank(baseUrl, "baseUrl");
            Checks.nonBlank(model, "model");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(action, "action");
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        public static Settings openAi(String apiKey) {
            return new Settings(
                    OPENAI, DEFAULT_MODEL, Optional.of(apiKey), DEFAULT_TIMEOUT, GuardVerdict.Action.BLOCK, false);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Settings settings;
    private final HttpClient http;
    private final String name;

    public ModerationGuard(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.name = "moderation:" + settings.model();
    }

    @Override
    public GuardVerdict check(String text) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/moderations"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("model", settings.model(), "input", text))));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return unavailable("the moderation endpoint could not be reached: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while waiting for the moderation endpoint");
        }
        if (response.statusCode() / 100 != 2) {
            return unavailable("the moderation endpoint answered HTTP " + response.statusCode());
        }
        JsonNode result;
        try {
            result = JSON.readTree(response.body()).path("results").path(0);
        } catch (JacksonException e) {
            return unavailable("the moderation endpoint's reply is not JSON");
        }
        if (!result.path("flagged").isBoolean()) {
            return unavailable("the moderation endpoint's reply has no results[0].flagged");
        }
        if (!result.path("flagged").asBoolean()) {
            return GuardVerdict.allow(name);
        }
        List<String> labels = new ArrayList<>();
        result.path("categories").properties().forEach(e -> {
            if (e.getValue().asBoolean(false)) {
                labels.add("moderation:" + e.getKey().toLowerCase(Locale.ROOT));
            }
        });
        if (labels.isEmpty()) {
            labels.add("moderation:flagged");
        }
        return new GuardVerdict(name, settings.action(), labels, "the moderation model flagged the text");
    }

    private GuardVerdict unavailable(String why) {
        return new GuardVerdict(
                name,
                settings.failClosed() ? GuardVerdict.Action.BLOCK : GuardVerdict.Action.ALLOW,
                List.of(UNAVAILABLE),
                why);
    }
}
