package dev.verity.guards.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guardrails.pii.PiiType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data that has a structure to check: e-mail addresses, phone numbers, payment cards, IBANs, US social
 * security numbers, Norwegian national identity numbers and IP addresses. A candidate is reported only when it passes
 * the rules of its kind — the Luhn check of a card, the mod-97 checksum and country length of an IBAN, both mod-11
 * check digits and a real birth date of a fødselsnummer, the area, group and serial rules of an SSN, the numbering plan
 * of a phone number's region (libphonenumber, leniency {@code VALID}) — so numbers that merely look alike are left
 * alone.
 *
 * <p>{@link PiiType#PERSON} is not detected: that needs a named-entity model, and none is packaged in the registries
 * this build can use (no OpenNLP or ONNX person-name model on Maven Central under a licence we can ship). Names are
 * therefore the main gap; a NER-backed detector can be combined with this one later.
 *
 * <p>Two phone rules do without the {@code VALID} check, because made-up and local-only numbers are still somebody's
 * number: the North American shape ({@code (ddd)ddd-dddd} and kin, with {@code +1}, {@code 001} or an extension), and
 * grouped digits ({@code 785 8949}) where a phone word is near ("phone", "fax", "call"…).
 *
 * <p>Phone numbers written without a country code are read as numbers of each of the configured regions in turn; the
 * first region is the default. Numbers of fewer than seven digits are not reported. Where candidates overlap, the checksummed kinds win over phone numbers, then the longer
 * candidate. Thread-safe: it holds no mutable state.
 */
public final class StructuredPiiDetector implements PiiDetector {
    /** The regions tried when none are given: presidio's default set, so the measured figures compare. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR", "NO");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d.-])[2-6]\\d(?:[ -]?\\d){11,17}(?![\\d-]|\\.\\d)");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d-]|\\.\\d)");
    private static final Pattern NO_ID = Pattern.compile("(?<![\\d.-])(\\d{6}) ?(\\d{5})(?![\\d-]|\\.\\d)");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w-]|\\.\\d)");
    private static final Pattern IPV6 =
            Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");

    /**
     * A number written the North American way — {@code (ddd)ddd-dddd}, {@code ddd-ddd-dddd}, {@code ddd.ddd.dddd},
     * optionally after {@code +1} or {@code 001} and before an extension ({@code x123}, {@code ext. 123}). The shape is
     * a phone number's and nothing else's (dates, SSNs, amounts and versions are grouped differently), so it is
     * reported even when the area code does not exist: libphonenumber's {@code VALID} check rejects made-up and
     * mistyped numbers (area codes starting with 0 or 1), and a log or a document still holds a person's number there.
     */
    private static final Pattern NORTH_AMERICAN = Pattern.compile("(?<![\\w+.-])(?:(?:\\+1|001)[-. ]?)?"
            + "(?:\\(\\d{3}\\) ?\\d{3}[-. ]|\\d{3}-\\d{3}-|\\d{3}\\.\\d{3}\\.)\\d{4}"
            + "(?: ?(?:x|ext\\.?) ?\\d{1,6})?(?!\\w|[-.]\\d)");

    /**
     * Digits in two to five groups of two to four, one separator throughout (space, dash or dot), perhaps after an
     * area code in brackets: how people write local numbers ({@code 785 8949}, {@code 25-62-29-72},
     * {@code (88) 684-334}). Many such numbers pass no region's numbering plan (unknown regions, made-up or local-only
     * numbers) yet are somebody's phone number; the shape alone also fits street numbers and codes, so these are
     * reported only next to a {@link #PHONE_CUE}.
     */
    private static final Pattern GROUPED_DIGITS = Pattern.compile(
            "(?<![\\w+.,-])(?:\\(\\d{2,4}\\) ?)?\\d{2,4}(?:([ .-])\\d{2,6})(?:\\1\\d{2,6}){0,3}(?!\\w|[-.,]\\d)");

    /**
     * Words that say a phone number is near (presidio's context words and their kin): within {@link #CUE_BEFORE}
     * characters before a {@link #GROUPED_DIGITS} candidate or {@link #CUE_AFTER} after it.
     */
    private static final Pattern PHONE_CUE = Pattern.compile(
            "(?i)\\b(?:phone|telephone|tel|mobile|mob|cell|cellphone|fax|office|call|calling|dial|answering"
                    + "|reach|whatsapp|sms|text)\\b");

    private static final int CUE_BEFORE = 40;
    private static final int CUE_AFTER = 12;

    /** Dates are grouped digits too, and are never phone numbers. */
    private static final Pattern DATE_SHAPE =
            Pattern.compile("\\d{4}([-./])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./])\\d{1,2}\\2\\d{2,4}");

    /**
     * Phone candidates written exactly as another, checksummed kind is written — a dotted quad, an SSN, eleven
     * digits in a row like a fødselsnummer — are not phone numbers even when the numbering plan of some region allows
     * them: when the checksum of their own kind fails they are a mistyped or made-up identifier, and reporting them as
     * phones would make every invalid identifier PII again.
     */
    private static final Pattern IDENTIFIER_SHAPE =
            Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|\\d{3}-\\d{2}-\\d{4}|\\d{6} ?\\d{5}");

    /**
     * Numbers shorter than this are short codes, extensions or postcodes ("07 262", "05775" pass the numbering plans
     * of some regions): not personal enough to report, and most of the false alarms on the development set.
     */
    private static final int MIN_PHONE_DIGITS = 7;

    /** Which kind wins when candidates overlap: checksummed kinds first, phone numbers (the loosest) last. */
    private static final List<PiiType> PRECEDENCE = List.of(
            PiiType.EMAIL,
            PiiType.IBAN,
            PiiType.CREDIT_CARD,
            PiiType.NO_NATIONAL_ID,
            PiiType.US_SSN,
            PiiType.IP_ADDRESS,
            PiiType.PHONE);

    /** Country code to IBAN length (the SWIFT IBAN registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths();

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    /** A detector that reads national phone numbers as numbers of the {@link #DEFAULT_REGIONS}. */
    public StructuredPiiDetector() {
        this(DEFAULT_REGIONS);
    }

    /**
     * A detector that reads phone numbers written without a country code as numbers of {@code regions}, the first of
     * which is the default region.
     *
     * @param regions ISO 3166 region codes libphonenumber knows, e.g. {@code NO}, {@code US}; at least one
     */
    public StructuredPiiDetector(List<String> regions) {
        this.regions = List.copyOf(regions);
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("at least one phone region is needed");
        }
        for (String region : this.regions) {
            if (!phones.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown phone region: " + region);
            }
        }
    }

    /** The default region first, then the others tried for national phone numbers. */
    public List<String> regions() {
        return regions;
    }

    @Override
    public List<PiiSpan> find(String text) {
        Objects.requireNonNull(text, "text");
        List<PiiSpan> candidates = new ArrayList<>();
        emails(text, candidates);
        ibans(text, candidates);
        cards(text, candidates);
        norwegianIds(text, candidates);
        ssns(text, candidates);
        ipAddresses(text, candidates);
        phoneNumbers(text, candidates);
        return resolve(candidates);
    }

    /** Keeps the winners of overlapping candidates, sorted by start. */
    private static List<PiiSpan> resolve(List<PiiSpan> candidates) {
        candidates.sort(Comparator.comparingInt((PiiSpan s) -> PRECEDENCE.indexOf(s.type()))
                .thenComparing(Comparator.comparingInt(PiiSpan::length).reversed())
                .thenComparingInt(PiiSpan::start));
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan candidate : candidates) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiSpan::start));
        return List.copyOf(kept);
    }

    private static void emails(String text, List<PiiSpan> out) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            out.add(new PiiSpan(PiiType.EMAIL, m.start(), m.end()));
        }
    }

    private static void cards(String text, List<PiiSpan> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = digits(m.group());
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits) && !allSame(digits)) {
                out.add(new PiiSpan(PiiType.CREDIT_CARD, m.start(), m.end()));
            }
        }
    }

    /**
     * The greedy match may run into the next word ("GB29 NWBK 6016 1331 9268 19 and"): the span is cut to the length
     * the country prescribes, and kept only if it ends at a word boundary and its checksum holds.
     */
    private static void ibans(String text, List<PiiSpan> out) {
        Matcher m = IBAN.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.start() + 1; // the greedy match may have run over the next IBAN: search again just after its start
            String country = m.group().substring(0, 2).toUpperCase(Locale.ROOT);
            Integer length = IBAN_LENGTHS.get(country);
            if (length == null) {
                continue;
            }
            int end = m.start();
            int taken = 0;
            StringBuilder iban = new StringBuilder();
            while (end < m.end() && taken < length) {
                char c = text.charAt(end++);
                if (c != ' ') {
                    iban.append(c);
                    taken++;
                }
            }
            boolean boundary = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (taken == length && boundary && ibanChecksum(iban.toString())) {
                out.add(new PiiSpan(PiiType.IBAN, m.start(), end));
                from = end;
            }
        }
    }

    private static void ssns(String text, List<PiiSpan> out) {
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            String area = m.group(1);
            boolean valid = !area.equals("000")
                    && !area.equals("666")
                    && area.charAt(0) != '9'
                    && !m.group(3).equals("00")
                    && !m.group(4).equals("0000");
            if (valid) {
                out.add(new PiiSpan(PiiType.US_SSN, m.start(), m.end()));
            }
        }
    }

    private static void norwegianIds(String text, List<PiiSpan> out) {
        Matcher m = NO_ID.matcher(text);
        while (m.find()) {
            String digits = m.group(1) + m.group(2);
            if (fodselsnummer(digits)) {
                out.add(new PiiSpan(PiiType.NO_NATIONAL_ID, m.start(), m.end()));
            }
        }
    }

    private static void ipAddresses(String text, List<PiiSpan> out) {
        Matcher v4 = IPV4.matcher(text);
        while (v4.find()) {
            out.add(new PiiSpan(PiiType.IP_ADDRESS, v4.start(), v4.end()));
        }
        Matcher v6 = IPV6.matcher(text);
        while (v6.find()) {
            if (ipv6(v6.group())) {
                out.add(new PiiSpan(PiiType.IP_ADDRESS, v6.start(), v6.end()));
            }
        }
    }

    private void phoneNumbers(String text, List<PiiSpan> out) {
        Matcher shaped = NORTH_AMERICAN.matcher(text);
        while (shaped.find()) {
            out.add(new PiiSpan(PiiType.PHONE, shaped.start(), shaped.end()));
        }
        Matcher grouped = GROUPED_DIGITS.matcher(text);
        while (grouped.find()) {
            String raw = grouped.group();
            int digits = digits(raw).length();
            if (digits >= MIN_PHONE_DIGITS
                    && digits <= 12
                    && !IDENTIFIER_SHAPE.matcher(raw).matches()
                    && !DATE_SHAPE.matcher(raw).matches()
                    && cued(text, grouped.start(), grouped.end())) {
                out.add(new PiiSpan(PiiType.PHONE, grouped.start(), grouped.end()));
            }
        }
        for (String region : regions) {
            for (PhoneNumberMatch match : phones.findNumbers(text, region, Leniency.VALID, Long.MAX_VALUE)) {
                String raw = match.rawString();
                if (digits(raw).length() >= MIN_PHONE_DIGITS
                        && !IDENTIFIER_SHAPE.matcher(raw).matches()
                        && !DATE_SHAPE.matcher(raw).matches()) {
                    out.add(new PiiSpan(PiiType.PHONE, match.start(), match.end()));
                }
            }
        }
    }

    private static boolean cued(String text, int start, int end) {
        return PHONE_CUE
                        .matcher(text)
                        .region(Math.max(0, start - CUE_BEFORE), start)
                        .find()
                || PHONE_CUE
                        .matcher(text)
                        .region(end, Math.min(text.length(), end + CUE_AFTER))
                        .find();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean ibanChecksum(String iban) {
        String rearranged = (iban.substring(4) + iban.substring(0, 4)).toUpperCase(Locale.ROOT);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
                remainder = (remainder * 10 + value) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    /**
     * Both mod-11 check digits, and a birth date that exists: day 1–31 (plus 40 for a D-number), month 1–12 (plus 40
     * for an H-number, plus 80 for the synthetic numbers of the tax authority's test data).
     */
    static boolean fodselsnummer(String digits) {
        int[] d = digits.chars().map(c -> c - '0').toArray();
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        if (day > 40) {
            day -= 40;
        }
        if (month > 80) {
            month -= 80;
        } else if (month > 40) {
            month -= 40;
        }
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        return checkDigit(d, w1) == d[9] && checkDigit(d, w2) == d[10];
    }

    private static int checkDigit(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k; // 10 means no valid number has these first digits: never equal to a digit
    }

    /** Eight groups of one to four hex digits, or fewer with exactly one {@code ::} standing for the rest. */
    static boolean ipv6(String candidate) {
        int gap = candidate.indexOf("::");
        if (gap >= 0 && candidate.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        if (gap >= 0) {
            String head = candidate.substring(0, gap);
            String tail = candidate.substring(gap + 2);
            if (!head.isEmpty()) {
                groups.addAll(List.of(head.split(":", -1)));
            }
            if (!tail.isEmpty()) {
                groups.addAll(List.of(tail.split(":", -1)));
            }
            if (groups.size() > 7 || groups.size() < 2) { // "::1" alone is too little to call personal
                return false;
            }
        } else {
            groups.addAll(List.of(candidate.split(":", -1)));
            if (groups.size() != 8) {
                return false;
            }
        }
        return groups.stream().allMatch(g -> !g.isEmpty() && g.length() <= 4);
    }

    private static String digits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allSame(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    private static Map<String, Integer> ibanLengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18"
                + " DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26"
                + " IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28"
                + " NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25"
                + " SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        Map<String, Integer> lengths = new java.util.HashMap<>();
        for (String entry : table.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
