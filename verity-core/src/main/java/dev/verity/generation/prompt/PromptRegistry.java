package dev.verity.generation.prompt;

import java.util.List;
import java.util.Optional;

/**
 * Versioned prompts by id. Implementations: {@link ClasspathPromptRegistry} (prompt files shipped in the jar).
 */
public interface PromptRegistry {

    /** The newest version of a prompt. */
    Optional<Prompt> latest(String id);

    /** One exact version. */
    Optional<Prompt> get(String id, int version);

    /** Every version of every prompt, by id then version. */
    List<Prompt> all();
}
