package dev.verity.usage.budget;

import dev.verity.internal.Checks;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Who pays for the model calls made while answering: the tenant and the actor ({@code key:<id>}, {@code jwt:…},
 * {@code local}).
 *
 * <p>The query and conversation services name the payer of the work they run ({@link #callAs}); a model call made
 * inside it reads {@link #current()} to reserve its cost. The payer belongs to the calling thread: work
 * handed to another thread does not see it, so reserve before handing a call off (as {@code BudgetedLlmProvider} does,
 * outside the retries).
 */
public record Payer(String tenant, String actor) {
    private static final ThreadLocal<@Nullable Payer> CURRENT = new ThreadLocal<>();

    public Payer {
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(actor, "actor");
    }

    /** Runs {@code work} with this payer as {@link #current()}. */
    public <T> T callAs(Supplier<T> work) {
        Payer outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The payer of the work running on this thread, if one was named. */
    public static Optional<Payer> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
