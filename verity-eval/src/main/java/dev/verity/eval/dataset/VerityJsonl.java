package dev.verity.eval.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Verity dataset: one JSON object per line with exactly the fields of {@code samples/golden.jsonl}
 * ({@code docs/eval-dataset.md} describes them). Blank lines are skipped.
 *
 * <pre>{@code
 * Dataset golden = VerityJsonl.read(Path.of("samples/golden.jsonl"));
 * }</pre>
 *
 * Every mistake is a {@link DatasetException} naming the file, the line and the field: an unknown field (a typo would
 * otherwise silently drop a label), a missing {@code id}, {@code question} or {@code answerable}, a value of the wrong
 * type, a duplicate id, pages without sources, or an unanswerable case that lists expected sources or strings it must
 * contain.
 */
public final class VerityJsonl {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of(
            "id",
            "question",
            "answerable",
            "expected_sources",
            "expected_pages",
            "must_contain",
            "must_not_contain",
            "principals",
            "reference_answer",
            "tags"));

    private VerityJsonl() {}

    public static Dataset read(Path file) {
        String name = file.toString();
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                EvalCase c = parse(JsonLine.parse(name, number, text));
                Integer earlier = firstLine.putIfAbsent(c.id(), number);
                if (earlier != null) {
                    throw DatasetException.at(
                            name, number, "duplicate id \"" + c.id() + "\" (first on line " + earlier + ")");
                }
                cases.add(c);
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException("no such dataset file: " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset " + name, e);
        }
        if (cases.isEmpty()) {
            throw new DatasetException(name + ": no cases (expected one JSON object per line)");
        }
        return new Dataset(name, DatasetFormat.VERITY, Optional.empty(), cases, true);
    }

    private static EvalCase parse(JsonLine line) {
        line.onlyFields(FIELDS);
        String id = line.requiredString("id");
        String question = line.requiredString("question");
        boolean answerable = line.requiredBoolean("answerable");
        List<String> sources = line.strings("expected_sources");
        List<Integer> pages = line.positiveInts("expected_pages");
        List<String> mustContain = line.strings("must_contain");
        if (!pages.isEmpty() && sources.isEmpty()) {
            throw line.error("\"expected_pages\" needs \"expected_sources\": pages of which document?");
        }
        if (!answerable && !sources.isEmpty()) {
            throw line.error("an unanswerable case has no expected sources; remove them or set \"answerable\": true");
        }
        if (!answerable && !mustContain.isEmpty()) {
            throw line.error("an unanswerable case has nothing it must contain; remove \"must_contain\" or set"
                    + " \"answerable\": true");
        }
        List<String> principals = line.strings("principals");
        return EvalCase.of(
                id,
                question,
                answerable,
                distinct(sources),
                pages,
                mustContain,
                line.strings("must_not_contain"),
                new HashSet<>(principals),
                line.optionalString("reference_answer"),
                line.strings("tags"));
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
