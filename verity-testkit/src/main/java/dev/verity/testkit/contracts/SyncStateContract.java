package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.sync.SyncEntry;
import dev.verity.ingestion.sync.SyncState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SyncState} must do. */
public abstract class SyncStateContract {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");
    protected SyncState state;

    protected abstract SyncState openState();

    @BeforeEach
    void open() {
        state = openState();
    }

    private static SyncEntry entry(String id, String collection, String root, String source) {
        return new SyncEntry(
                id, "default", collection, root, source, "sha-" + id, Optional.empty(), Optional.empty(), T0);
    }

    @Test
    void entriesAreListedPerRootInSourceOrder() {
        state.put(entry("d2", "docs", "/a", "z.txt"));
        state.put(entry("d1", "docs", "/a", "b.txt"));
        state.put(entry("d3", "docs", "/b", "c.txt"));
        state.put(entry("d4", "other", "/a", "d.txt"));

        assertThat(state.entries("default", "docs", "/a"))
                .extracting(SyncEntry::source)
                .containsExactly("b.txt", "z.txt");
        assertThat(state.entries("default", "docs", "/c")).isEmpty();
    }

    @Test
    void validatorsAndTimesRoundTrip() {
        SyncEntry page = new SyncEntry(
                "d1",
                "default",
                "web",
                "https://x.test/",
                "https://x.test/a",
                "abc",
                Optional.of("\"v1\""),
                Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"),
                T0);
        state.put(page);

        assertThat(state.find("d1")).contains(page);
    }

    @Test
    void aSecondRootTakesOverTheDocumentAndRemovalForgetsIt() {
        state.put(entry("d1", "docs", "/a", "x.txt"));
        state.put(entry("d1", "docs", "/b", "x.txt"));

        assertThat(state.entries("default", "docs", "/a")).isEmpty();
        assertThat(state.entries("default", "docs", "/b")).hasSize(1);
        assertThat(state.remove("d1")).isTrue();
        assertThat(state.remove("d1")).isFalse();
        assertThat(state.find("d1")).isEmpty();
    }
}
