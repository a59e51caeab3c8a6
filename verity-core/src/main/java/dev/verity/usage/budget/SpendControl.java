package dev.verity.usage.budget;

import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertSink;
import dev.verity.usage.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps model spend within {@link Budget}s, safely under concurrency: every model call first {@linkplain #reserve
 * reserves} its maximum cost, then {@linkplain Reservation#settle settles} what it really cost, releasing the rest.
 *
 * <ol>
 *   <li>Spent so far in a budget's period is the {@link UsageLedger}'s (read once per budget, subject and period, so a
 *       restart does not reset a budget) plus what this process settled since.
 *   <li>A reservation that could take spent + reserved past a hard limit is refused: the caller makes no model call.
 *       Since every call in flight holds its maximum, settled spend never passes a hard limit unless a call costs more
 *       than it reserved; it then passes by less than one call's maximum.
 *   <li>Past a soft limit, answers carry a warning ({@link #warnings}) and an alert {@code budget_soft_limit} is raised;
 *       a refusal raises {@code budget_hard_limit}. Each at most once per budget, subject and period.
 * </ol>
 *
 * <pre>{@code
 * Reservation r = spend.reserve(payer, maxCostUsd);
 * if (!r.granted()) throw new ProviderException(Kind.BUDGET, provider, r.refusal().orElseThrow());
 * try {
 *     ChatResponse reply = provider.chat(request);
 *     r.settle(prices.cost(model, reply.usage()));
 * } catch (RuntimeException e) {
 *     r.settle(0); // a failed call reported no usage
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Thread-safe. Reservations live in this process; spend is what the usage ledger counted plus what this process
 * settled since it last read the ledger, which it reads again at most every {@link #LEDGER_REREAD}. So replicas over
 * one database (and a {@code verity ask} beside a server) see each other's spend within that time: together they can
 * pass a hard limit by what the others spend in one re-read interval plus their calls in flight, not more.
 */
public final class SpendControl {
    private static final System.Logger LOG = System.getLogger(SpendControl.class.getName());
    /**
     * How often an account's spend is read again from the usage ledger, which replicas sharing a database all write:
     * between two reads, another replica's spend is not seen (the bound on overshoot across replicas).
     */
    public static final Duration LEDGER_REREAD = Duration.ofSeconds(10);

    private final List<Budget> budgets;
    private final UsageLedger ledger;
    private final Clock clock;
    private final AlertSink alerts;
    private final Map<AccountKey, Account> accounts = new HashMap<>();
    private double largestReservation;

    /**
     * @param budgets the limits; none means nothing is ever refused
     * @param ledger where spend of earlier processes is read from (per tenant)
     * @param clock decides the current UTC day and month
     * @param alerts where soft and hard limit alerts go
     */
    public SpendControl(List<Budget> budgets, UsageLedger ledger, Clock clock, AlertSink alerts) {
        this.budgets = List.copyOf(Objects.requireNonNull(budgets, "budgets"));
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /** Limits nothing. */
    public static SpendControl unlimited() {
        return new SpendControl(List.of(), UsageLedger.none(), Clock.systemUTC(), AlertSink.none());
    }

    /** The configured budgets. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** True when at least one budget is configured. */
    public boolean limits() {
        return !budgets.isEmpty();
    }

    /** One budget's spend for one subject in one period. */
    private record AccountKey(int budget, String subject, LocalDate periodStart) {}

    /** Mutable; guarded by the control's lock. */
    private static final class Account {
        final Budget budget;
        final String subject;
        final String tenant;
        final LocalDate periodStart;
        /** What the ledger counted in the period when this account was opened: what earlier processes spent. */
        final double opening;
        /** What the ledger counted in the period when last read: earlier processes and other replicas included. */
        double ledger;
        /** What this process had settled when the ledger was last read (by then in the ledger, or about to be). */
        double settledAtRead;

        Instant readAt;
        double settled;
        double reserved;
        boolean refusing;
        boolean softAlerted;
        boolean hardAlerted;

        Account(Budget budget, String subject, String tenant, LocalDate periodStart, double ledger, Instant readAt) {
            this.budget = budget;
            this.subject = subject;
            this.tenant = tenant;
            this.periodStart = periodStart;
            this.opening = ledger;
            this.ledger = ledger;
            this.readAt = readAt;
        }

        /**
         * The ledger's count when last read plus what this process settled since; never less than what this process
         * alone knows it settled on top of the opening count (its own ledger lines are written behind the answers, and
         * a line that could not be written must not give its spend back).
         */
        double spent() {
            return Math.max(ledger + (settled - settledAtRead), opening + settled);
        }

        BudgetStatus status() {
            double spent = spent();
            BudgetStatus.State state;
            if (refusing
                    || (budget.hardUsd().isPresent()
                            && spent >= budget.hardUsd().getAsDouble())) {
                state = BudgetStatus.State.HARD;
            } else if (budget.softUsd().isPresent() && spent >= budget.softUsd().getAsDouble()) {
                state = BudgetStatus.State.SOFT;
            } else {
                state = BudgetStatus.State.OK;
            }
            return new BudgetStatus(budget, subject, periodStart, spent, reserved, state);
        }
    }

    /**
     * Reserves {@code maxUsd} for one model call of {@code payer} in every budget that applies, or refuses it when
     * that could pass a hard limit. A call that costs nothing ({@code maxUsd} 0: a model without a price) is never
     * refused.
     *
     * @param maxUsd the most the call can cost, {@code >= 0}
     */
    public Reservation reserve(Payer payer, double maxUsd) {
        Objects.requireNonNull(payer, "payer");
        if (!(maxUsd >= 0) || !Double.isFinite(maxUsd)) {
            throw new IllegalArgumentException("maxUsd must be a finite number >= 0, got " + maxUsd);
        }
        if (budgets.isEmpty()) {
            return new Reservation(this, List.of(), maxUsd, Optional.empty());
        }
        List<Alert> raise = new ArrayList<>();
        Reservation reservation;
        synchronized (this) {
            largestReservation = Math.max(largestReservation, maxUsd);
            List<Account> applying = accountsOf(payer);
            Optional<String> refusal = Optional.empty();
            for (Account a : applying) {
                if (a.budget.hardUsd().isEmpty() || maxUsd == 0) {
                    continue;
                }
                double hard = a.budget.hardUsd().getAsDouble();
                if (a.spent() + a.reserved + maxUsd > hard) {
                    refusal = Optional.of(String.format(
                            Locale.ROOT,
                            "the %s of %s '%s' would be passed: %.4f USD spent and %.4f USD reserved of %.2f USD, and"
                                    + " this model call may cost up to %.4f USD; answers come from the extractive"
                                    + " answerer until the %s ends or the limit is raised",
                            a.budget.label(),
                            a.budget.scope().code(),
                            a.subject,
                            a.spent(),
                            a.reserved,
                            hard,
                            maxUsd,
                            a.budget.period() == Budget.Period.DAY ? "UTC day" : "UTC month"));
                    a.refusing = true;
                    if (!a.hardAlerted) {
                        a.hardAlerted = true;
                        raise.add(alert(a, "budget_hard_limit", Alert.Severity.CRITICAL, hard));
                    }
                    break;
                }
            }
            if (refusal.isPresent()) {
                reservation = new Reservation(this, List.of(), maxUsd, refusal);
            } else {
                for (Account a : applying) {
                    a.reserved += maxUsd;
                    a.refusing = false;
                    softAlert(a, raise);
                }
                reservation = new Reservation(this, applying, maxUsd, Optional.empty());
            }
        }
        raise.forEach(alerts::raise);
        return reservation;
    }

    /**
     * The largest maximum cost asked for by one call so far: the bound on how far settled spend can pass a hard limit
     * when a call costs more than it reserved.
     */
    public synchronized double largestReservation() {
        return largestReservation;
    }

    /** Releases a reservation's maximum and counts what the call really cost. */
    void settle(Reservation reservation, double spentUsd) {
        List<Alert> raise = new ArrayList<>();
        synchronized (this) {
            for (Account a : reservation.<Account>accounts()) {
                a.reserved = Math.max(0, a.reserved - reservation.maxUsd());
                a.settled += spentUsd;
                softAlert(a, raise);
            }
        }
        raise.forEach(alerts::raise);
    }

    /** Where each budget applying to {@code payer} stands in its current period. */
    public List<BudgetStatus> status(Payer payer) {
        Objects.requireNonNull(payer, "payer");
        synchronized (this) {
            return accountsOf(payer).stream().map(Account::status).toList();
        }
    }

    /**
     * Where the budgets of a tenant stand: the tenant's own, each named key's, and each key's that this process has
     * counted so far under a budget for {@link Budget#EACH} key.
     */
    public List<BudgetStatus> status(String tenant) {
        List<BudgetStatus> out = new ArrayList<>();
        synchronized (this) {
            LocalDate today = today();
            for (int i = 0; i < budgets.size(); i++) {
                Budget b = budgets.get(i);
                if (b.scope() == Budget.Scope.TENANT) {
                    if (b.appliesTo(new Payer(tenant, "local"))) {
                        out.add(account(i, tenant, tenant, today).status());
                    }
                } else if (!b.subject().equals(Budget.EACH)) {
                    out.add(account(i, b.subject(), tenant, today).status());
                } else {
                    LocalDate start = b.period().start(today);
                    accounts.values().stream()
                            .filter(a -> a.budget == b && a.tenant.equals(tenant) && a.periodStart.equals(start))
                            .map(Account::status)
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * One line per budget of {@code payer} past its soft limit (or refusing at its hard one), e.g. {@code tenant daily
     * budget 82% spent (8.20 of 10.00 USD)}; empty when all are fine.
     */
    public List<String> warnings(Payer payer) {
        if (budgets.isEmpty()) {
            return List.of();
        }
        return status(payer).stream()
                .filter(s -> s.state() != BudgetStatus.State.OK)
                .map(BudgetStatus::describe)
                .toList();
    }

    private void softAlert(Account a, List<Alert> raise) {
        if (a.softAlerted || a.budget.softUsd().isEmpty()) {
            return;
        }
        double soft = a.budget.softUsd().getAsDouble();
        if (a.spent() >= soft) {
            a.softAlerted = true;
            raise.add(alert(a, "budget_soft_limit", Alert.Severity.WARNING, soft));
        }
    }

    private Alert alert(Account a, String rule, Alert.Severity severity, double limit) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("budget", a.budget.label());
        details.put("scope", a.budget.scope().code());
        details.put("subject", a.subject);
        details.put("period_start", a.periodStart.toString());
        details.put("spent_usd", String.format(Locale.ROOT, "%.4f", a.spent()));
        details.put("reserved_usd", String.format(Locale.ROOT, "%.4f", a.reserved));
        details.put("limit_usd", String.format(Locale.ROOT, "%.2f", limit));
        String summary = rule.equals("budget_hard_limit")
                ? String.format(
                        Locale.ROOT,
                        "The %s of %s '%s' is spent (%.2f of %.2f USD): model calls are refused and answers are"
                                + " extractive until the period ends or the limit is raised.",
                        a.budget.label(),
                        a.budget.scope().code(),
                        a.subject,
                        a.spent(),
                        limit)
                : String.format(
                        Locale.ROOT,
                        "The %s of %s '%s' passed its soft limit (%.2f of %.2f USD); answers still use models.",
                        a.budget.label(),
                        a.budget.scope().code(),
                        a.subject,
                        a.spent(),
                        limit);
        return new Alert(rule, severity, a.tenant, summary, details, clock.instant());
    }

    private List<Account> accountsOf(Payer payer) {
        LocalDate today = today();
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            Budget b = budgets.get(i);
            if (b.appliesTo(payer)) {
                out.add(account(i, b.whose(payer), payer.tenant(), today));
            }
        }
        return out;
    }

    private Account account(int index, String subject, String tenant, LocalDate today) {
        Budget b = budgets.get(index);
        LocalDate start = b.period().start(today);
        AccountKey key = new AccountKey(index, subject, start);
        Account account = accounts.get(key);
        Instant now = clock.instant();
        if (account == null) {
            // a period has begun: the accounts of earlier ones are done (reservations in flight keep theirs)
            accounts.keySet()
                    .removeIf(old -> old.budget() == index
                            && old.subject().equals(subject)
                            && old.periodStart().isBefore(start));
            account = new Account(b, subject, tenant, start, baseline(b, subject, tenant, start, today), now);
            accounts.put(key, account);
        } else if (!now.isBefore(account.readAt.plus(LEDGER_REREAD))) {
            // other replicas (and `verity ask` beside a server) spend from the same ledger: read it again
            account.ledger = baseline(b, subject, tenant, start, today);
            account.settledAtRead = account.settled;
            account.readAt = now;
        }
        return account;
    }

    /**
     * What the ledger counted in the period so far: the tenant's lines for a tenant budget, the actor's lines within
     * the tenant for a key budget. A failing ledger counts as 0 (logged), so a database outage never fails an answer.
     */
    private double baseline(Budget b, String subject, String tenant, LocalDate from, LocalDate to) {
        try {
            return ledger.between(tenant, from, to).stream()
                    .filter(e -> b.scope() == Budget.Scope.TENANT || e.actor().equals(subject))
                    .mapToDouble(UsageLedger.Entry::costUsd)
                    .sum();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the usage ledger could not be read for the {0} of {1} {2}; counting from 0: {3}",
                    b.label(),
                    b.scope().code(),
                    subject,
                    e.toString());
            return 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
