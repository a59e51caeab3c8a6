package dev.verity.app.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the CLI; the HTTP API writes the same view records through Spring's mapper. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /** One line of JSON. */
    public static String line(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
