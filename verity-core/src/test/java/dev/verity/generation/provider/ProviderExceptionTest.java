package dev.verity.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.ProviderException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderExceptionTest {

    @ParameterizedTest(name = "HTTP {0} is {1}, retriable={2}")
    @CsvSource({
        "400, BAD_REQUEST, false",
        "401, AUTHENTICATION, false",
        "403, AUTHENTICATION, false",
        "404, NOT_FOUND, false",
        "408, TIMEOUT, true",
        "413, BAD_REQUEST, false",
        "422, BAD_REQUEST, false",
        "429, RATE_LIMITED, true",
        "500, SERVER_ERROR, true",
        "502, SERVER_ERROR, true",
        "503, OVERLOADED, true",
        "504, TIMEOUT, true",
        "529, OVERLOADED, true"
    })
    void mapsEveryHttpErrorStatusTheSameWayForAllProviders(int status, Kind kind, boolean retriable) {
        assertThat(Kind.forHttpStatus(status)).isEqualTo(kind);
        assertThat(Kind.forHttpStatus(status).retriable()).isEqualTo(retriable);
    }

    @Test
    void refusesAStatusThatIsNotAnError() {
        assertThatThrownBy(() -> Kind.forHttpStatus(200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status must be an HTTP error (>= 400), got 200");
    }
}
