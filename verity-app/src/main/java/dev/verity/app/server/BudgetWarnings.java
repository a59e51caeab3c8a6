package dev.verity.app.server;

import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.SpendControl;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * The {@code Verity-Budget-Warning} header of an answer: one entry per budget of the caller past its soft limit (or
 * refusing at its hard one), e.g. {@code tenant daily budget 82% spent (8.20 of 10.00 USD)}, joined by {@code "; "}.
 * Absent while every budget is fine.
 */
final class BudgetWarnings {
    static final String HEADER = "Verity-Budget-Warning";

    private BudgetWarnings() {}

    /** Sets the header on {@code response} when a budget of {@code payer} warns; call before the body is written. */
    static void set(HttpServletResponse response, SpendControl spend, Payer payer) {
        List<String> warnings = spend.warnings(payer);
        if (!warnings.isEmpty() && !response.isCommitted()) {
            response.setHeader(HEADER, String.join("; ", warnings));
        }
    }
}
