package dev.verity.guards.injection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rule set: one rule a line, {@code id TAB label TAB weight TAB regex}; blank lines and lines starting with
 * {@code #} are skipped. Patterns are compiled case-insensitively for ASCII letters (the rules are English; Unicode
 * case folding made every rule several times slower). The bundled set is
 * {@value #BUNDLED}; ADR 14 explains it.
 */
final class InjectionRules {
    static final String BUNDLED = "injection-rules.tsv";

    private InjectionRules() {}

    /** The rules shipped in this jar. */
    static List<InjectionRule> bundled() {
        try (InputStream in = InjectionRules.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the jar ships no " + BUNDLED);
            }
            return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + BUNDLED, e);
        }
    }

    /** The rules in {@code text}, named {@code source} in error messages; a bad line fails with its number. */
    static List<InjectionRule> parse(String source, String text) {
        List<InjectionRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 4);
            String where = source + " line " + (i + 1);
            if (fields.length != 4) {
                throw new IllegalArgumentException(
                        where + ": expected id, label, weight and pattern separated by tabs");
            }
            try {
                InjectionRule rule = new InjectionRule(
                        fields[0],
                        fields[1],
                        Double.parseDouble(fields[2]),
                        Pattern.compile(fields[3], Pattern.CASE_INSENSITIVE));
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("duplicate rule id " + rule.id());
                }
                rules.add(rule);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": " + e.getDescription() + " in " + e.getPattern(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }
}
