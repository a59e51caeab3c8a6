package dev.verity.app.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Against DNS rebinding: a page on {@code evil.example} whose name is made to resolve to 127.0.0.1 reaches a loopback
 * server from the browser, with {@code Host: evil.example}. Only the loopback names ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}, without a port or with the server's) and the configured
 * {@code VERITY_ALLOWED_HOSTS} ({@code name} or {@code name:port}) are answered; any other Host gets 421 problem+json.
 */
final class HostAllowlistFilter extends OncePerRequestFilter {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowed;
    private final Problems problems;

    HostAllowlistFilter(List<String> allowedHosts, Problems problems) {
        this.allowed =
                allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        if (host == null || !allowed(host.strip().toLowerCase(Locale.ROOT), request.getLocalPort())) {
            problems.write(
                    response,
                    421,
                    "misdirected-request",
                    "Misdirected request",
                    "this server does not answer to the host name \"" + printable(host)
                            + "\": use localhost or 127.0.0.1, or add the name to VERITY_ALLOWED_HOSTS",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allowed(String host, int localPort) {
        if (allowed.contains(host)) {
            return true;
        }
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > host.lastIndexOf(']');
        String name = hasPort ? host.substring(0, colon) : host;
        String port = hasPort ? host.substring(colon + 1) : null;
        if (port != null && !port.equals(String.valueOf(localPort))) {
            return false;
        }
        return LOOPBACK.contains(name) || allowed.contains(name);
    }

    private static String printable(String host) {
        if (host == null) {
            return "";
        }
        String clean = host.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
