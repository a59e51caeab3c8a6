package dev.verity.eval.calibration;

import dev.verity.evaluation.JudgeRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sample of answers graded by humans, for calibrating a judge: JSONL, one answer per line (format in
 * {@code docs/eval-judge.md}). Reading is strict about what it uses and names the file, line and field of any mistake;
 * fields it does not use are ignored, so an exported sample carrying more can be graded in place.
 */
public final class LabelledSample {
    /** The dimensions a human grades, by the name of their field under {@code human}. */
    public enum Dimension {
        FAITHFULNESS("faithfulness", "faithful"),
        RELEVANCE("relevance", "relevant"),
        CORRECTNESS("correctness", "correct");

        private final String label;
        private final String humanField;

        Dimension(String label, String humanField) {
            this.label = label;
            this.humanField = humanField;
        }

        /** The dimension's name in reports: {@code faithfulness}, {@code relevance}, {@code correctness}. */
        public String label() {
            return label;
        }

        /** Its grade's name under {@code human} in the sample: {@code faithful}, {@code relevant}, {@code correct}. */
        public String humanField() {
            return humanField;
        }
    }

    /**
     * One graded answer.
     *
     * @param id unique within the sample
     * @param request what the judge is asked to grade
     * @param human the human's grades (true = faithful, relevant or correct); a dimension left ungraded is absent
     */
    public record Case(String id, JudgeRequest request, Map<Dimension, Boolean> human) {
        public Case {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(request, "request");
            human = Map.copyOf(human);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LabelledSample() {}

    /**
     * The graded answers of {@code file}, in file order; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the file, line and field of the first mistake, when an id repeats, or
     *     when the file holds no answer
     */
    public static List<Case> read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + number;
                Case c = parse(line, where);
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException(
                            where + ": id \"" + c.id() + "\" appears twice; ids must be" + " unique");
                }
                cases.add(c);
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(
                    file + " holds no graded answers: write one JSON object per line (see" + " docs/eval-judge.md)");
        }
        return List.copyOf(cases);
    }

    private static Case parse(String line, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": each line must be one JSON object");
        }
        JsonNode idNode = root.get("id");
        if (idNode == null
                || !(idNode.isString() || idNode.isIntegralNumber())
                || idNode.asString().isBlank()) {
            throw new IllegalArgumentException(where + ": \"id\" must be a non-empty string");
        }
        String id = idNode.asString().strip();
        String question = string(root, "question", where, true).orElseThrow();
        if (question.isBlank()) {
            throw new IllegalArgumentException(where + ": \"question\" must not be empty");
        }
        String answer = string(root, "answer", where, true).orElseThrow();
        JsonNode abstainedNode = root.get("abstained");
        if (abstainedNode != null && !abstainedNode.isNull() && !abstainedNode.isBoolean()) {
            throw new IllegalArgumentException(where + ": \"abstained\" must be true or false, got " + abstainedNode);
        }
        boolean abstained = abstainedNode != null && abstainedNode.asBoolean();
        List<String> contexts = new ArrayList<>();
        JsonNode contextsNode = root.get("contexts");
        if (contextsNode != null && !contextsNode.isNull()) {
            if (!contextsNode.isArray()) {
                throw new IllegalArgumentException(
                        where + ": \"contexts\" must be an array of strings (the cited" + " passages' text)");
            }
            for (JsonNode context : contextsNode) {
                if (!context.isString()) {
                    throw new IllegalArgumentException(where + ": \"contexts\" must hold only strings, got " + context);
                }
                contexts.add(context.asString());
            }
        }
        Optional<String> reference = string(root, "reference", where, false).filter(r -> !r.isBlank());
        return new Case(id, new JudgeRequest(question, answer, abstained, contexts, reference), human(root, where));
    }

    private static Map<Dimension, Boolean> human(JsonNode root, String where) {
        JsonNode human = root.get("human");
        if (human == null || !human.isObject()) {
            throw new IllegalArgumentException(where + ": \"human\" must be an object of grades, e.g. {\"faithful\": 1,"
                    + " \"relevant\": 1, \"correct\": 0}");
        }
        Map<Dimension, Boolean> grades = new EnumMap<>(Dimension.class);
        for (String field : human.propertyNames()) {
            Dimension dimension = null;
            for (Dimension d : Dimension.values()) {
                if (d.humanField.equals(field)) {
                    dimension = d;
                }
            }
            if (dimension == null) {
                throw new IllegalArgumentException(
                        where + ": human." + field + " is not a grade; known: faithful," + " relevant, correct");
            }
            JsonNode grade = human.get(field);
            if (grade.isNull()) {
                continue;
            }
            if (grade.isBoolean()) {
                grades.put(dimension, grade.asBoolean());
            } else if (grade.isIntegralNumber()
                    && (grade.asInt() == 0 || grade.asInt() == 1)
                    && grade.canConvertToInt()) {
                grades.put(dimension, grade.asInt() == 1);
            } else {
                throw new IllegalArgumentException(
                        where + ": human." + field + " must be 0 or 1 (or null when not" + " graded), got " + grade);
            }
        }
        if (grades.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": \"human\" grades nothing; give at least one of faithful," + " relevant, correct");
        }
        return grades;
    }

    /** A string field; {@code required} ones must be present, optional ones may also be null. */
    private static Optional<String> string(JsonNode root, String field, String where, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": \"" + field + "\" is missing");
            }
            return Optional.empty();
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, got " + node);
        }
        return Optional.of(node.asString());
    }
}
