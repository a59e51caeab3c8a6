/**
 * What answering costs: {@link dev.verity.usage.UsageLedger} counts model calls, tokens and dollars per day, tenant,
 * caller, collection and model; {@link dev.verity.usage.WriteBehindUsageLedger} writes it off the answer's path.
 *
 * <pre>{@code
 * UsageLedger ledger = new WriteBehindUsageLedger(jdbcLedger, e -> log.warn("usage not written: {}", e.toString()));
 * List<UsageLedger.Entry> today = ledger.between("default", LocalDate.now(), LocalDate.now()); // one tenant's lines
 * }</pre>
 *
 * <p>Close a write-behind ledger before its database: closing drains what is still queued.
 */
@NullMarked
package dev.verity.usage;

import org.jspecify.annotations.NullMarked;
