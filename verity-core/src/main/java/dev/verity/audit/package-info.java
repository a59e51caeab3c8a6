/**
 * The audit log: an append-only record of security events — API keys created, rotated and revoked, authentication
 * failures, uploads and deletes with their actor, impersonation, guard blocks, administrative actions.
 *
 * <p>What an event may hold is deliberately narrow ({@link dev.verity.audit.AuditEvent}): who, what, which thing,
 * when, how it ended, and details made of ids, counts and reasons. Never question or answer text, document content,
 * secrets or personal data: the log is shown to administrators ({@code verity audit}) and kept for long, so it must not
 * become a second copy of what it protects. {@link dev.verity.audit.AuditLog} has no update or delete.
 *
 * <pre>{@code
 * AuditLog audit = new InMemoryAuditLog();
 * audit.append(new AuditEvent(clock.instant(), AuditEvent.DELETE, caller.actor(), caller.tenant(), documentId,
 *         AuditEvent.OK, Map.of("collection", "handbook")));
 * List<AuditEvent> lastDay = audit.list(Optional.of(now.minus(Duration.ofDays(1))), 100); // newest last
 * }</pre>
 */
@NullMarked
package dev.verity.audit;

import org.jspecify.annotations.NullMarked;
