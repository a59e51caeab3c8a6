package dev.verity.generation.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Prompts shipped as files: {@code prompts/index.txt} lists one file name per line; each file holds a header of
 * {@code key: value} lines ({@code id}, {@code version}, {@code description}), then a {@code --- system} section and a
 * {@code --- user} section.
 *
 * <pre>
 * id: answer
 * version: 1
 * description: Grounded answer with cited sources, as JSON.
 * --- system
 * You answer questions using only the sources …
 * --- user
 * {{sources}}
 * Question: {{question}}
 * </pre>
 *
 * Files are read once at construction; a malformed file fails construction with its name and the problem.
 */
public final class ClasspathPromptRegistry implements PromptRegistry {
    private static final String INDEX = "prompts/index.txt";

    private final List<Prompt> prompts;

    public ClasspathPromptRegistry() {
        this(ClasspathPromptRegistry.class.getClassLoader());
    }

    public ClasspathPromptRegistry(ClassLoader loader) {
        List<Prompt> loaded = new ArrayList<>();
        for (String line : read(loader, INDEX).split("\n")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                loaded.add(parse(file, read(loader, "prompts/" + file)));
            }
        }
        loaded.sort(Comparator.comparing(Prompt::id).thenComparingInt(Prompt::version));
        for (int i = 1; i < loaded.size(); i++) {
            Prompt a = loaded.get(i - 1);
            Prompt b = loaded.get(i);
            if (a.id().equals(b.id()) && a.version() == b.version()) {
                throw new IllegalStateException("two prompt files define " + a.id() + " version " + a.version());
            }
        }
        this.prompts = List.copyOf(loaded);
    }

    @Override
    public Optional<Prompt> latest(String id) {
        return prompts.stream().filter(p -> p.id().equals(id)).max(Comparator.comparingInt(Prompt::version));
    }

    @Override
    public Optional<Prompt> get(String id, int version) {
        return prompts.stream()
                .filter(p -> p.id().equals(id) && p.version() == version)
                .findFirst();
    }

    @Override
    public List<Prompt> all() {
        return prompts;
    }

    /** Parses one prompt file; {@code name} only names it in errors. */
    static Prompt parse(String name, String text) {
        String id = null;
        Integer version = null;
        String description = "";
        StringBuilder system = null;
        StringBuilder user = null;
        StringBuilder current = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.equals("--- system")) {
                current = system = new StringBuilder();
            } else if (line.equals("--- user")) {
                current = user = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.isBlank()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException(
                            "prompt file " + name + ": header lines are 'key: value', got \"" + line + "\"");
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                switch (key) {
                    case "id" -> id = value;
                    case "version" -> version = parseVersion(name, value);
                    case "description" -> description = value;
                    default ->
                        throw new IllegalStateException("prompt file " + name + ": unknown header '" + key
                                + "' (known: id, version, description)");
                }
            }
        }
        if (id == null || version == null || system == null || user == null) {
            throw new IllegalStateException("prompt file " + name
                    + " needs 'id:' and 'version:' headers and '--- system' and '--- user' sections");
        }
        return new Prompt(
                id,
                version,
                description,
                system.toString().strip(),
                user.toString().strip());
    }

    private static int parseVersion(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "prompt file " + name + ": version must be a whole number, got \"" + value + "\"");
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
