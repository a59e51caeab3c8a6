package dev.verity.identity;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place where principals (users, groups: {@code user:ana}, {@code group:board}) are normalised, so that every
 * path — ACLs at ingestion, identities, impersonated requests, conversation owners — compares them the same way.
 *
 * <p>What counts as equal: two principals are equal when their Unicode NFC forms, with surrounding whitespace removed,
 * are equal, <em>case-sensitively</em> ({@code group:Board} and {@code group:board} are different principals, as they
 * are in most identity providers). A principal that is empty, longer than {@value #MAX_LENGTH} characters, or contains
 * whitespace or a control character inside is refused rather than repaired: {@code "group:board "} is
 * {@code group:board}, {@code "group: board"} is an error.
 *
 * <pre>{@code
 * Set<String> acl = Principals.parse("hr, finance");   // [finance, hr]
 * Principals.normalise(" group:board\u00a0");          // "group:board"
 * }</pre>
 */
public final class Principals {
    /** The longest principal accepted, in characters. */
    public static final int MAX_LENGTH = 256;

    private Principals() {}

    /** The normal form of one principal; an invalid one is an {@link IllegalArgumentException} saying why. */
    public static String normalise(String principal) {
        String p = stripSpaces(Normalizer.normalize(principal, Normalizer.Form.NFC));
        if (p.isEmpty()) {
            throw new IllegalArgumentException("a principal must not be empty");
        }
        if (p.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "a principal is at most " + MAX_LENGTH + " characters, got " + p.length());
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("a principal must not contain spaces or control characters, got \""
                        + p.replaceAll("\\p{Cntrl}", "?") + "\"");
            }
        }
        return p;
    }

    /** Removes leading and trailing whitespace, Unicode spaces (no-break space…) included. */
    private static String stripSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Each principal normalised, as a sorted set (duplicates after normalisation collapse). */
    public static Set<String> normalise(Collection<String> principals) {
        Set<String> out = new TreeSet<>();
        for (String p : principals) {
            out.add(normalise(p));
        }
        return Set.copyOf(out);
    }

    /** A comma-separated list ({@code --acl hr,finance}) normalised; blank or null gives the empty set. */
    public static Set<String> parse(String commaSeparated) {
        if (commaSeparated.isBlank()) {
            return Set.of();
        }
        return normalise(Arrays.asList(commaSeparated.split(",", -1)));
    }
}
