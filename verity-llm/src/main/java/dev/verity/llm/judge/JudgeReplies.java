package dev.verity.llm.judge;

import dev.verity.evaluation.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The structured replies the judge prompts ask for, their JSON Schemas and their validation. Lenient only where it
 * costs nothing (a reply wrapped in a Markdown code fence is unwrapped, a verdict's case and spaces are ignored);
 * anything else that does not match the schema is invalid, with a message the model can act on in a repair attempt.
 */
final class JudgeReplies {
    /** The reply does not match its schema; the message says how, in words a model understands. */
    static final class InvalidReplyException extends Exception {
        InvalidReplyException(String message) {
            super(message);
        }
    }

    /** Reads one kind of reply. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String reply) throws InvalidReplyException;
    }

    /**
     * {@code {"claims": [{"claim", "evidence", "supported"}]}}. Strict-mode compatible (every property required, no
     * others), so providers with structured output enforce it while decoding; evidence comes before the verdict so the
     * model writes it first.
     */
    static final String CLAIMS_SCHEMA = """
            {"type":"object","properties":{\
            "claims":{"type":"array","items":{"type":"object","properties":{\
            "claim":{"type":"string"},"evidence":{"type":"string"},"supported":{"type":"boolean"}},\
            "required":["claim","evidence","supported"],"additionalProperties":false}}},\
            "required":["claims"],"additionalProperties":false}""";

    /** {@code {"reason", "score"}} with a score from 1 to 5. */
    static final String RELEVANCE_SCHEMA = """
            {"type":"object","properties":{\
            "reason":{"type":"string"},"score":{"type":"integer","enum":[1,2,3,4,5]}},\
            "required":["reason","score"],"additionalProperties":false}""";

    /** {@code {"reason", "verdict"}} with one of the {@link #VERDICTS}. */
    static final String CORRECTNESS_SCHEMA = """
            {"type":"object","properties":{\
            "reason":{"type":"string"},\
            "verdict":{"type":"string","enum":["equivalent","partial","missing","contradicts"]}},\
            "required":["reason","verdict"],"additionalProperties":false}""";

    /**
     * Correctness per verdict: a partial answer is worth half; an answer that misses or contradicts the reference is
     * worth nothing (a wrong answer is not better for being confident, nor worse: both fail the user).
     */
    static final Map<String, Double> VERDICTS =
            Map.of("equivalent", 1.0, "partial", 0.5, "missing", 0.0, "contradicts", 0.0);

    static final int MIN_SCORE = 1;
    static final int MAX_SCORE = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JudgeReplies() {}

    /** The claims of a faithfulness reply, at least one; a supported claim must give its evidence. */
    static List<Judgement.Claim> claims(String reply) throws InvalidReplyException {
        JsonNode claims = object(reply).get("claims");
        if (claims == null || !claims.isArray()) {
            throw new InvalidReplyException(
                    "\"claims\" must be an array of {\"claim\", \"evidence\", \"supported\"}" + " objects");
        }
        if (claims.isEmpty()) {
            throw new InvalidReplyException("\"claims\" is empty: list at least one claim of the answer");
        }
        List<Judgement.Claim> parsed = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            JsonNode c = claims.get(i);
            JsonNode claim = c.get("claim");
            JsonNode evidence = c.get("evidence");
            JsonNode supported = c.get("supported");
            if (!c.isObject()
                    || claim == null
                    || !claim.isString()
                    || evidence == null
                    || !evidence.isString()
                    || supported == null
                    || !supported.isBoolean()) {
                throw new InvalidReplyException("claim " + (i + 1) + " must be an object with string \"claim\","
                        + " string \"evidence\" and boolean \"supported\"");
            }
            if (claim.asString().isBlank()) {
                throw new InvalidReplyException("claim " + (i + 1) + " has an empty \"claim\"");
            }
            if (supported.asBoolean() && evidence.asString().isBlank()) {
                throw new InvalidReplyException("claim " + (i + 1) + " is marked supported but gives no evidence:"
                        + " quote the context that supports it, or mark it unsupported");
            }
            parsed.add(new Judgement.Claim(claim.asString().strip(), supported.asBoolean()));
        }
        return List.copyOf(parsed);
    }

    /** A relevance reply's score, mapped from 1–5 onto [0, 1]: 1 → 0, 3 → 0.5, 5 → 1. */
    static double relevance(String reply) throws InvalidReplyException {
        JsonNode root = object(reply);
        reason(root);
        JsonNode score = root.get("score");
        if (score == null
                || !score.isIntegralNumber()
                || !score.canConvertToInt()
                || score.asInt() < MIN_SCORE
                || score.asInt() > MAX_SCORE) {
            throw new InvalidReplyException("\"score\" must be a whole number from 1 to 5, got " + score);
        }
        return (score.asInt() - MIN_SCORE) / (double) (MAX_SCORE - MIN_SCORE);
    }

    /** A correctness reply's verdict, mapped by {@link #VERDICTS}. */
    static double correctness(String reply) throws InvalidReplyException {
        JsonNode root = object(reply);
        reason(root);
        JsonNode verdict = root.get("verdict");
        Double score = verdict == null || !verdict.isString()
                ? null
                : VERDICTS.get(verdict.asString().strip().toLowerCase(Locale.ROOT));
        if (score == null) {
            throw new InvalidReplyException("\"verdict\" must be one of \"equivalent\", \"partial\", \"missing\" or"
                    + " \"contradicts\", got " + verdict);
        }
        return score;
    }

    private static void reason(JsonNode root) throws InvalidReplyException {
        JsonNode reason = root.get("reason");
        if (reason == null || !reason.isString()) {
            throw new InvalidReplyException("\"reason\" must be a string");
        }
    }

    private static JsonNode object(String reply) throws InvalidReplyException {
        JsonNode root;
        try {
            root = JSON.readTree(unfence(reply.strip()));
        } catch (JacksonException e) {
            throw new InvalidReplyException("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReplyException("it must be one JSON object");
        }
        return root;
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
