package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.conversation.Conversation;
import dev.verity.conversation.ConversationStore;
import dev.verity.conversation.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationStore} must do. */
public abstract class ConversationStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String TENANT = "acme";
    protected ConversationStore store;

    protected abstract ConversationStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    private static Turn.Draft draft(String question) {
        return new Turn.Draft(
                question,
                question + " (standalone)",
                "rules",
                "Answer to " + question,
                "0123456789abcdef0123456789abcdef",
                "extractive",
                T0);
    }

    @Test
    void findsAConversationWithItsCollectionPrincipalsAndStart() {
        Conversation hr = new Conversation("conv_hr", TENANT, "handbook", Set.of("hr", "finance", "people-ops"), T0);
        Conversation anonymous = new Conversation("conv_anon", TENANT, "default", Set.of(), T0.plusSeconds(1));
        store.create(hr);
        store.create(anonymous);

        assertThat(store.find(TENANT, "conv_hr")).contains(hr);
        assertThat(store.find(TENANT, "conv_anon")).contains(anonymous);
        assertThat(store.find(TENANT, "conv_missing")).isEmpty();
    }

    @Test
    void anotherTenantsConversationIsInvisible() {
        Conversation acme = new Conversation("conv_acme", TENANT, "default", Set.of("hr"), T0);
        store.create(acme);

        assertThat(store.find("globex", "conv_acme")).isEmpty();
        assertThat(store.find(TENANT, "conv_acme")).contains(acme);
    }

    @Test
    void refusesASecondConversationWithTheSameId() {
        store.create(new Conversation("conv_1", TENANT, "default", Set.of(), T0));

        assertThatThrownBy(() -> store.create(new Conversation("conv_1", TENANT, "other", Set.of("x"), T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.find(TENANT, "conv_1")).map(Conversation::collection).contains("default");
    }

    @Test
    void numbersTurnsFromOneAndKeepsEverythingStored() {
        store.create(new Conversation("conv_1", TENANT, "default", Set.of(), T0));

        Turn first = store.append("conv_1", draft("What is the leave policy?"));
        Turn second = store.append("conv_1", draft("How many days?"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(store.recent("conv_1", 10)).containsExactly(first, second);
        assertThat(second)
                .isEqualTo(new Turn(
                        "conv_1",
                        2,
                        "How many days?",
                        "How many days? (standalone)",
                        "rules",
                        "Answer to How many days?",
                        "0123456789abcdef0123456789abcdef",
                        "extractive",
                        T0));
    }

    @Test
    void recentReturnsTheLastTurnsOldestFirst() {
        store.create(new Conversation("conv_1", TENANT, "default", Set.of(), T0));
        for (int i = 1; i <= 8; i++) {
            store.append("conv_1", draft("question " + i));
        }

        assertThat(store.recent("conv_1", 3)).extracting(Turn::seq).containsExactly(6, 7, 8);
        assertThat(store.recent("conv_1", 0)).isEmpty();
        assertThat(store.recent("conv_1", Integer.MAX_VALUE)).hasSize(8);
        assertThat(store.recent("conv_missing", 3)).isEmpty();
    }

    @Test
    void turnsOfOneConversationNeverMixWithAnother() {
        store.create(new Conversation("conv_a", TENANT, "default", Set.of(), T0));
        store.create(new Conversation("conv_b", TENANT, "default", Set.of(), T0));

        store.append("conv_a", draft("a1"));
        store.append("conv_b", draft("b1"));
        store.append("conv_a", draft("a2"));

        assertThat(store.recent("conv_a", 10)).extracting(Turn::question).containsExactly("a1", "a2");
        assertThat(store.recent("conv_b", 10)).extracting(Turn::seq).containsExactly(1);
    }

    @Test
    void appendingToAnUnknownConversationFails() {
        assertThatThrownBy(() -> store.append("conv_missing", draft("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv_missing");
    }

    @Test
    void concurrentAppendsGetDistinctConsecutiveNumbers() throws Exception {
        store.create(new Conversation("conv_race", TENANT, "default", Set.of(), T0));
        int threads = 8;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                go.await();
                List<Integer> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    seqs.add(store.append("conv_race", draft("t" + thread + " q" + i))
                            .seq());
                }
                return seqs;
            }));
        }
        go.countDown();
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            all.addAll(result.get());
        }
        pool.shutdown();

        assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
        assertThat(store.recent("conv_race", 100))
                .extracting(Turn::seq)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, threads * perThread)
                        .boxed()
                        .toList());
    }
}
