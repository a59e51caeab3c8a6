package dev.verity.testkit.llm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request that reached a {@link FakeLlmServer}, whatever it was answered.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param url the path and query, e.g. {@code /openai/deployments/gpt4/chat/completions?api-version=2024-10-21}
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8 text
 */
public record RecordedRequest(String method, String url, Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The path without the query. */
    public String path() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The first value of a query parameter, undecoded. */
    public Optional<String> queryParameter(String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
