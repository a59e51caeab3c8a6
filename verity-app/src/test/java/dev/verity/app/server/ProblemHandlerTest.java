package dev.verity.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

class ProblemHandlerTest {
    private final ProblemHandler handler = new ProblemHandler(new MockEnvironment()
            .withProperty("spring.servlet.multipart.max-file-size", "100MB")
            .withProperty("spring.servlet.multipart.max-request-size", "500MB"));

    @Test
    void anUploadOverTheLimitIsA413StatingTheLimits() {
        ResponseEntity<Object> response = handler.handleMaxUploadSizeExceededException(
                new MaxUploadSizeExceededException(-1),
                new HttpHeaders(),
                HttpStatus.CONTENT_TOO_LARGE,
                new ServletWebRequest(new MockHttpServletRequest()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(((ProblemDetail) response.getBody()).getDetail()).contains("100MB per file", "500MB per request");
    }

    @Test
    void aMalformedMultipartBodyIsA400NotA500() {
        ProblemDetail problem = handler.malformedMultipart(new MultipartException("Failed to parse multipart"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).contains("multipart/form-data");
    }

    @Test
    void tomcatsOwnErrorsAreProblemJsonWithoutServerDetails() {
        assertThat(ProblemJsonErrorValve.json(400)).contains("\"status\":400", "percent-encoding");
        assertThat(ProblemJsonErrorValve.json(408)).contains("\"status\":408", "send it again");
        assertThat(ProblemJsonErrorValve.json(413)).contains("\"status\":413");
        assertThat(ProblemJsonErrorValve.json(500)).doesNotContain("Tomcat");
    }
}
