package dev.verity.audit;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One security event: who did what to which thing, when, and how it ended. Events say <em>what happened</em>, never
 * what was said: no question or answer text, no document content, no secret and no personal data — ids, counts,
 * scopes and reasons only, so the log can be kept and shown to administrators without becoming a leak itself.
 *
 * <pre>{@code
 * new AuditEvent(now, AuditEvent.KEY_REVOKED, "local", "default", "3f9a0c1d2b4e", AuditEvent.OK, Map.of());
 * new AuditEvent(now, AuditEvent.AUTH_FAILED, "key:3f9a0c1d2b4e", "default", "", AuditEvent.DENIED,
 *         Map.of("reason", "revoked"));
 * }</pre>
 *
 * @param at when it happened
 * @param type what happened: one of the constants below, or another lower-case {@code snake_case} word
 * @param actor who did it: {@code local}, {@code key:<id>}, {@code jwt:<issuer>#<subject>}, {@code anonymous}
 * @param tenant the tenant it happened in
 * @param target what it was done to (a key id, a document id, a job id); empty when there is none
 * @param outcome {@link #OK}, {@link #DENIED} or {@link #FAILED}
 * @param details more ids, counts and reasons, each value at most {@value #MAX_DETAIL_LENGTH} characters; never
 *     question text or personal data
 */
public record AuditEvent(
        Instant at,
        String type,
        String actor,
        String tenant,
        String target,
        String outcome,
        Map<String, String> details) {

    /** An API key was created. */
    public static final String KEY_CREATED = "key_created";
    /** An API key got a new secret; the old one stopped working. */
    public static final String KEY_ROTATED = "key_rotated";
    /** An API key was revoked. */
    public static final String KEY_REVOKED = "key_revoked";
    /** A credential was presented and refused (detail {@code reason}). */
    public static final String AUTH_FAILED = "auth_failed";
    /** A document was uploaded or replaced. */
    public static final String UPLOAD = "upload";
    /** A document was deleted. */
    public static final String DELETE = "delete";
    /** A caller with the {@code impersonate} scope acted for other principals. */
    public static final String IMPERSONATION = "impersonation";
    /** A guard blocked a question, a chunk or an answer. */
    public static final String GUARD_BLOCK = "guard_block";
    /** Any other administrative operation (repair, evaluation, configuration). */
    public static final String ADMIN_ACTION = "admin_action";

    /** It was done. */
    public static final String OK = "ok";
    /** It was refused: the caller lacked a credential, a scope or access. */
    public static final String DENIED = "denied";
    /** It was tried and failed. */
    public static final String FAILED = "failed";

    /** The longest detail value kept: room for ids and reasons, none for pasted text. */
    public static final int MAX_DETAIL_LENGTH = 200;

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        requireWord(type, "type");
        Checks.nonBlank(actor, "actor");
        Checks.nonBlank(tenant, "tenant");
        Objects.requireNonNull(target, "target");
        requireWord(outcome, "outcome");
        TreeMap<String, String> sorted = new TreeMap<>();
        details.forEach((key, value) -> {
            requireWord(key, "a detail's key");
            Objects.requireNonNull(value, () -> "detail " + key + " must not be null");
            if (value.length() > MAX_DETAIL_LENGTH) {
                throw new IllegalArgumentException("detail " + key + " is at most " + MAX_DETAIL_LENGTH
                        + " characters (ids, counts and reasons, never text), got " + value.length());
            }
            sorted.put(key, value);
        });
        details = Collections.unmodifiableMap(sorted);
    }

    private static void requireWord(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (!WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    name + " must be a lower-case snake_case word (" + WORD.pattern() + "), got \"" + value + "\"");
        }
    }
}
