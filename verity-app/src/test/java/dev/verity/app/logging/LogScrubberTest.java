package dev.verity.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogScrubberTest {
    @Test
    void masksEachKindOfPersonalDataByItsType() {
        assertThat(LogScrubber.scrub("question from ada.lovelace@example.com about leave"))
                .isEqualTo("question from [email] about leave");
        assertThat(LogScrubber.scrub("call me on +47 912 34 567 or (212) 555-0147"))
                .isEqualTo("call me on [phone] or [phone]");
        assertThat(LogScrubber.scrub("card 4111 1111 1111 1111 declined")).isEqualTo("card [credit_card] declined");
        assertThat(LogScrubber.scrub("IBAN GB29 NWBK 6016 1331 9268 19, client 192.168.10.24"))
                .isEqualTo("IBAN [iban], client [ip_address]");
    }

    @Test
    void leavesLinesWithoutPersonalDataAsTheyAre() {
        String line = "Tomcat started on port 8080 (http) in 2449 ms; trace d8c28396da72ebe5c148ea1358197271";
        assertThat(LogScrubber.scrub(line)).isEqualTo(line);
        assertThat(LogScrubber.scrub("")).isEmpty();
    }

    @Test
    void skipsTheDetectorOnLinesThatCannotHoldAnyKind() {
        assertThat(LogScrubber.mayHoldPii("Started Main in 3.2 seconds on port 8080, 1234 ms"))
                .isFalse();
        assertThat(LogScrubber.mayHoldPii("12:30:05 done"))
                .isTrue(); // two colons: could be IPv6, checked by the detector
        assertThat(LogScrubber.mayHoldPii("call 555-0147 9")).isTrue();
        assertThat(LogScrubber.mayHoldPii("x@y")).isTrue();
        assertThat(LogScrubber.mayHoldPii("1.2.3.4")).isTrue();
        assertThat(LogScrubber.mayHoldPii("fe80::1")).isTrue();
    }
}
