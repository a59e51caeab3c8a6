package dev.verity.app.server;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat's error report as {@code application/problem+json}, like every other error of the API: for what Tomcat
 * rejects before Spring MVC sees the request (a URL with bad percent-encoding, an encoded slash or NUL, a header it
 * cannot parse, a body it gives up reading) — which used to answer with Tomcat's HTML page and version. Never a stack
 * trace.
 *
 * <p>Public because Tomcat instantiates its host's error valve by class name; {@link #installer()} makes it the host's
 * error valve.
 */
public final class ProblemJsonErrorValve extends ErrorReportValve {
    public ProblemJsonErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    /** Makes this the error valve of the embedded Tomcat's host, in place of the HTML {@link ErrorReportValve}. */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemJsonErrorValve.class.getName());
            }
        });
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more can be said to it
        }
    }

    /** The problem for a status Tomcat set by itself; the detail says what to change, never echoes the request. */
    static String json(int status) {
        String type;
        String title;
        String detail;
        switch (status) {
            case 400 -> {
                type = "invalid-request";
                title = "Invalid request";
                detail = "the request could not be read: check the URL's percent-encoding (no encoded '/', '\\' or"
                        + " NUL in a path), the headers and the body's framing";
            }
            case 404 -> {
                type = "not-found";
                title = "Not found";
                detail = "no such resource";
            }
            case 408 -> {
                type = "request-timeout";
                title = "Request timeout";
                detail = "the request was not received in time; send it again";
            }
            case 413 -> {
                type = "too-large";
                title = "Content too large";
                detail = "the request is larger than the server accepts; send less (see the upload limits in the API"
                        + " documentation)";
            }
            case 414, 431 -> {
                type = "too-large";
                title = "Request too large";
                detail = "the URL or the headers are longer than the server accepts";
            }
            default -> {
                type = status >= 500 ? "internal" : "invalid-request";
                title = status >= 500 ? "Internal error" : "Invalid request";
                detail = status >= 500
                        ? "The request failed on the server; the log has the details."
                        : "the request was refused (HTTP " + status + ")";
            }
        }
        return "{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\") + "\"}";
    }
}
