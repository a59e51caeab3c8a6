package dev.verity.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Keys belong to their caller: the same {@code Idempotency-Key} from two callers never shares a response. */
class IdempotentRequestsTest {
    private final IdempotentRequests requests = new IdempotentRequests(new MapStore(), Duration.ofHours(1));
    private final AtomicInteger runs = new AtomicInteger();

    private String answer(Caller caller, String key) {
        return requests.apply(
                caller, key, "same-request", () -> "answer " + runs.incrementAndGet(), s -> s, Function.identity());
    }

    @Test
    void theSameKeyFromTwoCallersGivesTwoResponses() {
        Caller ana = new Caller("acme", Set.of("hr"), Set.of(Scope.QUERY), "key:k_ana");
        Caller bob = new Caller("acme", Set.of("hr"), Set.of(Scope.QUERY), "key:k_bob");
        Caller globex = new Caller("globex", Set.of("hr"), Set.of(Scope.QUERY), "key:k_ana");

        String first = answer(ana, "key-1");
        String other = answer(bob, "key-1");
        String otherTenant = answer(globex, "key-1");
        String replay = answer(ana, "key-1");

        assertThat(first).isEqualTo("answer 1");
        assertThat(other).isEqualTo("answer 2");
        assertThat(otherTenant).isEqualTo("answer 3");
        assertThat(replay).as("the first caller's own replay").isEqualTo(first);
        assertThat(runs).hasValue(3);
    }

    /** Just enough of a store; the JDBC store passes the contract suite. */
    private static final class MapStore implements IdempotencyStore {
        private final Map<Key, String[]> entries = new HashMap<>();

        @Override
        public synchronized Claim claim(Key key, String requestHash, Duration ttl) {
            String[] entry = entries.get(key);
            if (entry == null) {
                entries.put(key, new String[] {requestHash, null});
                return new Claim.Fresh();
            }
            if (!entry[0].equals(requestHash)) {
                return new Claim.Mismatch();
            }
            return entry[1] == null ? new Claim.InProgress() : new Claim.Done(200, entry[1]);
        }

        @Override
        public synchronized void complete(Key key, int status, String response) {
            entries.get(key)[1] = response;
        }

        @Override
        public synchronized void release(Key key) {
            entries.remove(key);
        }
    }
}
