package dev.verity.generation.prompt;

import dev.verity.internal.Checks;
import dev.verity.internal.Hashing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt: privileged system instructions and a user template with {@code {{name}}} placeholders.
 *
 * @param id stable name, e.g. {@code answer}
 * @param version increases with every change; old versions stay loadable for A/B tests and audits
 * @param description what the prompt is for
 * @param system the system message, used verbatim
 * @param user the user message template
 */
public record Prompt(String id, int version, String description, String system, String user) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    public Prompt {
        Checks.nonBlank(id, "id");
        Checks.positive(version, "version");
        Objects.requireNonNull(description, "description");
        Checks.nonBlank(system, "system");
        Checks.nonBlank(user, "user");
    }

    /** SHA-256 of id, version and both texts: proves which exact text produced an answer. */
    public String contentHash() {
        return Hashing.sha256(id + "\n" + version + "\n" + system + "\n" + user);
    }

    public PromptRef ref() {
        return new PromptRef(id, version);
    }

    /**
     * Fills the user template. Every placeholder must have a value and every value a placeholder, so a renamed
     * variable fails loudly instead of sending "{{question}}" to a model.
     */
    public String renderUser(Map<String, String> values) {
        Map<String, String> unused = new LinkedHashMap<>(values);
        Matcher m = PLACEHOLDER.matcher(user);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("prompt " + id + " v" + version + " needs a value for {{" + name
                        + "}}, got only " + values.keySet());
            }
            unused.remove(name);
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(
                    "prompt " + id + " v" + version + " has no placeholder for " + unused.keySet());
        }
        return out.toString();
    }
}
