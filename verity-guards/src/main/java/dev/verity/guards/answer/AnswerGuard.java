package dev.verity.guards.answer;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guardrails.Guarded;
import dev.verity.guardrails.RewritingGuard;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer guard: makes an answer safe to render before it leaves Verity.
 *
 * <ol>
 *   <li>The canary: an answer (or a quote) containing the system prompt's canary token has leaked the prompt, and is
 *       blocked ({@code canary_leak}).
 *   <li>Markdown images to hosts off the allowlist are removed ({@code markdown_image}): a client that renders the
 *       answer would fetch them, and a URL with the conversation in its query is the classic exfiltration channel.
 *   <li>Markdown links to hosts off the allowlist keep their words but lose their target ({@code link}), as do
 *       reference-style link definitions.
 *   <li>Raw HTML tags are removed ({@code html}): {@code <img>}, {@code <script>}, {@code <iframe>} do the same harm.
 *   <li>Personal data is masked as {@code [email]}, {@code [phone]}… when the policy asks ({@code pii:<type>}); off by
 *       default.
 * </ol>
 *
 * The same cleaning applies to every citation's quote; a quote it changes is dropped, since a quote must stay a
 * verbatim substring of its chunk (the query service verifies the citations of a changed answer again). A changed
 * answer is returned with a {@code FLAG} verdict naming what was removed; an unchanged one is allowed. Hosts match
 * exactly or as a parent domain ({@code example.com} allows {@code docs.example.com}); relative links have no host and
 * are kept. Only the first 2,048 characters of a target are read (its scheme and host come first; a bounded pattern
 * cannot overflow the stack on a padded URL). Verdicts are named {@value #NAME}.
 */
public final class AnswerGuard implements RewritingGuard<Answer> {
    public static final String NAME = "answer-guard@1";

    private static final Pattern IMAGE = Pattern.compile(
            "!\\[([^\\]\\n]*)\\]\\(\\s*<?([^()\\s>]{0,2048}(?:\\([^()\\s]{0,200}\\)[^()\\s>]{0,200})?)>?[^)\\n]*\\)");
    private static final Pattern LINK = Pattern.compile(
            "(?<!!)\\[([^\\]\\n]*)\\]\\(\\s*<?([^()\\s>]{0,2048}(?:\\([^()\\s]{0,200}\\)[^()\\s>]{0,200})?)>?[^)\\n]*\\)");
    private static final Pattern LINK_DEFINITION =
            Pattern.compile("(?m)^[ \\t]{0,3}\\[[^\\]\\n]+\\]:[ \\t]*<?(\\S+?)>?(?:[ \\t]+.*)?$\\n?");
    private static final Pattern HTML =
            Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(?:\\s[^<>]*)?/?>|<!--.*?-->", Pattern.DOTALL);

    private final Set<String> allowedHosts;
    private final Optional<String> canary;
    private final PiiDetector pii;

    /**
     * @param allowedHosts hosts links and images may point at (lower case; subdomains included); empty allows none
     * @param canary the token put in the system prompt, if any
     * @param pii the detector whose findings are masked; {@link PiiDetector#none()} to mask nothing
     */
    public AnswerGuard(Set<String> allowedHosts, Optional<String> canary, PiiDetector pii) {
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.canary = Objects.requireNonNull(canary, "canary");
        this.pii = Objects.requireNonNull(pii, "pii");
    }

    @Override
    public Guarded<Answer> guard(Answer answer) {
        if (canary.isPresent()
                && (answer.text().contains(canary.get())
                        || answer.citations().stream().anyMatch(c -> c.quote().contains(canary.get())))) {
            return new Guarded<>(
                    answer,
                    GuardVerdict.block(NAME, "the answer repeats the system prompt's canary", List.of("canary_leak")));
        }
        Set<String> labels = new LinkedHashSet<>();
        String text = clean(answer.text(), labels);
        List<Citation> kept = new ArrayList<>();
        for (Citation citation : answer.citations()) {
            if (clean(citation.quote(), labels).equals(citation.quote())) {
                kept.add(citation);
            }
        }
        if (labels.isEmpty()) {
            return new Guarded<>(answer, GuardVerdict.allow(NAME));
        }
        Answer cleaned = new Answer(
                text.isBlank() ? Answer.ABSTENTION_MESSAGE : text,
                answer.abstained() || text.isBlank(),
                answer.confidence(),
                kept,
                answer.generation());
        return new Guarded<>(
                cleaned,
                new GuardVerdict(
                        NAME,
                        GuardVerdict.Action.FLAG,
                        List.copyOf(labels),
                        "unsafe content removed from the answer: " + String.join(", ", labels)));
    }

    /** {@code text} with unsafe markup removed and personal data masked; what was found is added to {@code labels}. */
    String clean(String text, Set<String> labels) {
        String out = replace(IMAGE, text, m -> allowed(m.group(2)) ? m.group() : "", labels, "markdown_image");
        out = replace(LINK, out, m -> allowed(m.group(2)) ? m.group() : m.group(1), labels, "link");
        out = replace(LINK_DEFINITION, out, m -> allowed(m.group(1)) ? m.group() : "", labels, "link");
        out = replace(HTML, out, m -> "", labels, "html");
        List<PiiSpan> spans = pii.find(out);
        if (!spans.isEmpty()) {
            StringBuilder masked = new StringBuilder(out);
            for (PiiSpan span : spans.reversed()) {
                masked.replace(span.start(), span.end(), "[" + span.type().code() + "]");
                labels.add("pii:" + span.type().code());
            }
            out = masked.toString();
        }
        return out;
    }

    private static String replace(
            Pattern pattern,
            String text,
            java.util.function.Function<Matcher, String> replacement,
            Set<String> labels,
            String label) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String with = replacement.apply(m);
            if (!with.equals(m.group())) {
                changed = true;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(with));
        }
        m.appendTail(out);
        if (changed) {
            labels.add(label);
        }
        return out.toString();
    }

    /** True for a relative target, or one whose host is on the allowlist (or below an allowed domain). */
    boolean allowed(String target) {
        String lower = target.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("vbscript:")) {
            return false;
        }
        if (!lower.startsWith("//") && !lower.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return true; // relative: stays on the page's own origin
        }
        String host;
        try {
            host = URI.create(lower.startsWith("//") ? "https:" + lower : lower).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false; // mailto:, tel: and the like carry data out just as well
        }
        for (String allowed : allowedHosts) {
            if (host.equals(allowed) || host.endsWith("." + allowed)) {
                return true;
            }
        }
        return false;
    }
}
