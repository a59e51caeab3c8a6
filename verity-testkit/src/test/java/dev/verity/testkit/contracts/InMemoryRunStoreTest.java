package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.runs.InMemoryRunStore;
import dev.verity.runs.RunStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRunStoreTest extends RunStoreContract {

    @Override
    protected RunStore openStore() {
        return new InMemoryRunStore();
    }

    @Test
    void keepsOnlyTheMostRecentRunsItHasRoomFor() {
        InMemoryRunStore small = new InMemoryRunStore(2);
        Instant at = Instant.parse("2026-11-23T10:00:00Z");

        small.record(llmRun("r1", "acme", at));
        small.record(llmRun("r2", "acme", at.plusSeconds(1)));
        small.record(llmRun("r3", "acme", at.plusSeconds(2)));

        assertThat(small.find("r1")).isEmpty();
        assertThat(small.recent("acme", 10)).extracting(r -> r.runId()).containsExactly("r3", "r2");
    }
}
