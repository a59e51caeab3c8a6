package dev.verity.testkit.contracts;

import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.prompt.PromptRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classpath registry keeps the prompt registry contract: each prompt is written as a prompt file under
 * {@code prompts/} of a fresh folder, listed in its {@code index.txt}, and loaded through a class loader that sees
 * only that folder.
 */
class ClasspathPromptRegistryContractTest extends PromptRegistryContract {
    @TempDir
    Path folder;

    private int opened;

    @Override
    protected PromptRegistry openRegistry(List<Prompt> prompts) {
        Path root = folder.resolve("classpath-" + opened++);
        try {
            Path dir = Files.createDirectories(root.resolve("prompts"));
            List<String> index = new ArrayList<>();
            for (Prompt p : prompts) {
                String file = p.id() + "-v" + p.version() + ".prompt";
                Files.writeString(dir.resolve(file), render(p));
                index.add(file);
            }
            Files.write(dir.resolve("index.txt"), index);
            try (URLClassLoader loader =
                    new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
                return new ClasspathPromptRegistry(loader);
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file format {@link ClasspathPromptRegistry} documents. */
    private static String render(Prompt p) {
        return "id: " + p.id() + "\nversion: " + p.version() + "\ndescription: " + p.description() + "\n--- system\n"
                + p.system() + "\n--- user\n" + p.user() + "\n";
    }
}
