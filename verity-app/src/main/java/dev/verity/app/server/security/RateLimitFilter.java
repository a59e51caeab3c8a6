package dev.verity.app.server.security;

import dev.verity.app.limits.RateLimiter;
import dev.verity.identity.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Questions per minute and tokens per day, per key and per tenant ({@link RateLimiter}), on the endpoints that answer
 * questions ({@code POST /v1/query}, {@code POST /v1/conversations/{id}/messages}); listing and polling are not
 * counted. Runs after authentication, so the caller is known. Every counted response carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds); a refusal is 429
 * problem+json with {@code Retry-After} (seconds), and costs the caller nothing.
 */
final class RateLimitFilter extends OncePerRequestFilter {
    private static final Pattern QUESTIONS = Pattern.compile("/v1/query|/v1/conversations/[^/]+/messages");

    private final RateLimiter limiter;
    private final Problems problems;

    RateLimitFilter(RateLimiter limiter, Problems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled()
                || !"POST".equals(request.getMethod())
                || !QUESTIONS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (!(authentication instanceof CallerAuthentication known)) {
            chain.doFilter(request, response); // refused later as unauthenticated
            return;
        }
        Caller caller = known.getPrincipal();
        RateLimiter.Decision decision = limiter.tryQuery(caller);
        if (decision.limit() > 0) {
            response.setHeader("RateLimit-Limit", String.valueOf(decision.limit()));
            response.setHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
            response.setHeader(
                    "RateLimit-Reset", String.valueOf(seconds(decision.reset().toNanos())));
        }
        if (!decision.allowed()) {
            long retry = seconds(decision.retryAfter().toNanos());
            response.setHeader("Retry-After", String.valueOf(retry));
            problems.write(
                    response,
                    429,
                    "rate-limited",
                    "Too many requests",
                    "the " + decision.policy() + " limit (" + decision.limit() + ") is used up: retry in " + retry
                            + " s, or ask an administrator for a higher limit",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whole seconds, rounded up, at least 1: a client that waits that long finds room. */
    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
