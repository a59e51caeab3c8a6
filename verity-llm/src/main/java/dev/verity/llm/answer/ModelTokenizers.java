package dev.verity.llm.answer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.verity.embedding.TokenCounter;
import java.util.Locale;
import java.util.Optional;

/**
 * The tokenizer of a model family where one is known, for context budgets that match what the provider counts:
 * OpenAI's {@code o200k_base} (GPT-4o, GPT-4.1, GPT-5, o-series) and {@code cl100k_base} (GPT-4, GPT-3.5), through
 * JTokkit. Other families (Claude, Gemini, Llama…) publish no offline tokenizer here; callers fall back to the
 * embedding model's WordPiece count, which runs within about 15% of theirs on English prose.
 */
public final class ModelTokenizers {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private ModelTokenizers() {}

    /** The model family's tokenizer, or empty when Verity has none for it. */
    public static Optional<TokenCounter> forModel(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/'); // e.g. openai/gpt-4o-mini behind a router
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        EncodingType type;
        if (m.startsWith("gpt-4o")
                || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-4.5")
                || m.startsWith("gpt-5")
                || m.startsWith("chatgpt-4o")
                || m.matches("o[1-9].*")
                || m.startsWith("gpt-oss")) {
            type = EncodingType.O200K_BASE;
        } else if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
            type = EncodingType.CL100K_BASE;
        } else {
            return Optional.empty();
        }
        Encoding encoding = REGISTRY.getEncoding(type);
        return Optional.of(encoding::countTokensOrdinary);
    }
}
