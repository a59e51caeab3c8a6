package dev.verity.eval.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One line of a JSONL file read as an object, with typed field access whose errors name the file and line. */
final class JsonLine {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Enough of a bad value to recognise it in an error message. */
    private static final int MAX_QUOTED_CHARS = 60;

    private final String file;
    private final int line;
    private final JsonNode node;

    private JsonLine(String file, int line, JsonNode node) {
        this.file = file;
        this.line = line;
        this.node = node;
    }

    static JsonLine parse(String file, int line, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw DatasetException.at(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw DatasetException.at(file, line, "expected a JSON object, got " + quote(text));
        }
        return new JsonLine(file, line, node);
    }

    DatasetException error(String what) {
        return DatasetException.at(file, line, what);
    }

    /** Refuses fields outside {@code known}, naming them and the ones that exist: a typo must not be ignored. */
    void onlyFields(Set<String> known) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw error("unknown field \"" + name + "\"; the fields are " + String.join(", ", known));
            }
        }
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error("missing \"" + field + "\"");
        }
        if (value.isNumber()) {
            return value.asString(); // BEIR ids are sometimes written as numbers
        }
        if (!value.isString()) {
            throw error("\"" + field + "\" must be a string, got " + quote(value.toString()));
        }
        if (value.stringValue().isBlank()) {
            throw error("\"" + field + "\" must not be blank");
        }
        return value.stringValue();
    }

    String optionalString(String field) {
        if (!has(field)) {
            return "";
        }
        JsonNode value = node.get(field);
        if (!value.isString()) {
            throw error("\"" + field + "\" must be a string, got " + quote(value.toString()));
        }
        return value.stringValue();
    }

    boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error("missing \"" + field + "\" (true or false)");
        }
        if (!value.isBoolean()) {
            throw error("\"" + field + "\" must be true or false, got " + quote(value.toString()));
        }
        return value.booleanValue();
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(field)) {
            if (!item.isString() || item.stringValue().isBlank()) {
                throw error("\"" + field + "\" must hold non-blank strings, got " + quote(item.toString()));
            }
            values.add(item.stringValue());
        }
        return values;
    }

    List<Integer> positiveInts(String field) {
        List<Integer> values = new ArrayList<>();
        for (JsonNode item : array(field)) {
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 1) {
                throw error("\"" + field + "\" must hold whole numbers from 1, got " + quote(item.toString()));
            }
            values.add(item.intValue());
        }
        return values;
    }

    private List<JsonNode> array(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error("\"" + field + "\" must be a list, got " + quote(value.toString()));
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static String quote(String text) {
        String shown = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "…" : text;
        return shown.startsWith("\"") ? shown : "\"" + shown + "\"";
    }
}
