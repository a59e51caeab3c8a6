package dev.verity.llm.answer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The structured reply a model must give, and its validation. Lenient only where it costs nothing: a reply wrapped
 * in a Markdown code fence is unwrapped, a missing {@code abstain_reason} reads as empty. Everything else that does
 * not match {@link #SCHEMA} is invalid, with a message the model can act on in a repair attempt.
 */
record AnswerJson(String answer, List<Cited> citations, boolean abstain, String abstainReason) {
    /** A citation as the model gives it: a source label and a quote. */
    record Cited(String source, String quote) {}

    /** The reply does not match the schema; the message says how, in words a model understands. */
    static final class InvalidAnswerException extends Exception {
        InvalidAnswerException(String message) {
            super(message);
        }
    }

    /**
     * JSON Schema of the reply. Strict-mode compatible (every property required, no others), so providers with
     * structured output enforce it while decoding.
     */
    static final String SCHEMA = """
            {"type":"object","properties":{\
            "answer":{"type":"string"},\
            "citations":{"type":"array","items":{"type":"object","properties":{\
            "source":{"type":"string"},"quote":{"type":"string"}},\
            "required":["source","quote"],"additionalProperties":false}},\
            "abstain":{"type":"boolean"},\
            "abstain_reason":{"type":"string"}},\
            "required":["answer","citations","abstain","abstain_reason"],"additionalProperties":false}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static AnswerJson parse(String reply) throws InvalidAnswerException {
        String body = unfence(reply.strip());
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidAnswerException("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidAnswerException("it must be one JSON object");
        }
        JsonNode answer = root.get("answer");
        JsonNode citations = root.get("citations");
        JsonNode abstain = root.get("abstain");
        JsonNode reason = root.get("abstain_reason");
        if (answer == null || !answer.isString()) {
            throw new InvalidAnswerException("\"answer\" must be a string");
        }
        if (abstain == null || !abstain.isBoolean()) {
            throw new InvalidAnswerException("\"abstain\" must be true or false");
        }
        if (citations == null || !citations.isArray()) {
            throw new InvalidAnswerException("\"citations\" must be an array of {\"source\", \"quote\"} objects");
        }
        if (reason != null && !reason.isString() && !reason.isNull()) {
            throw new InvalidAnswerException("\"abstain_reason\" must be a string");
        }
        List<Cited> cited = new ArrayList<>();
        for (JsonNode c : citations) {
            JsonNode source = c.get("source");
            JsonNode quote = c.get("quote");
            if (!c.isObject() || source == null || !source.isString() || quote == null || !quote.isString()) {
                throw new InvalidAnswerException(
                        "every citation must be an object with string \"source\" and \"quote\"");
            }
            cited.add(new Cited(source.asString(), quote.asString()));
        }
        if (!abstain.asBoolean() && answer.asString().isBlank()) {
            throw new InvalidAnswerException("\"answer\" is empty although \"abstain\" is false");
        }
        return new AnswerJson(
                answer.asString(),
                cited,
                abstain.asBoolean(),
                reason == null || reason.isNull() ? "" : reason.asString());
    }

    private static String unfence(String reply) {
        if (reply.startsWith("```")) {
            int firstLine = reply.indexOf('\n');
            int end = reply.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                return reply.substring(firstLine + 1, end).strip();
            }
        }
        return reply;
    }
}
