package dev.verity.app.server.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details (RFC 9457) written by the security filters, which run before Spring MVC and its problem handler:
 * the same {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance} members.
 */
final class Problems {
    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, String type, String title, String detail, String instance)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
        response.getWriter().flush();
    }

    /** 401 with {@code WWW-Authenticate: Bearer}, and {@code error="invalid_token"} when a token was refused. */
    void unauthorized(HttpServletResponse response, String detail, boolean tokenRefused, String instance)
            throws IOException {
        response.setHeader("WWW-Authenticate", tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, 401, "unauthorized", "Unauthorized", detail, instance);
    }
}
