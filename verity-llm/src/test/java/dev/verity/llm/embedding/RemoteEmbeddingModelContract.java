package dev.verity.llm.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.resilience.ResilienceSettings;
import dev.verity.testkit.contracts.EmbeddingModelContract;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@link RemoteEmbeddingModel} must do for every protocol, proved against a fake that speaks the provider's real
 * HTTP protocol through the real client stack: vectors in input order, batches of the configured size, L2
 * normalisation, the dimension checked, prefixes, and every failure mapped to a {@link Kind}, retried only when
 * retriable. The fake's vectors are {@link HashingEmbeddingModel#unnormalized} of each text, so the expected unit
 * vector of a text is {@code new HashingEmbeddingModel(dimension).embed(text)}. Every protocol also runs the
 * {@link EmbeddingModelContract} of all embedding models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
abstract class RemoteEmbeddingModelContract extends EmbeddingModelContract {
    static final String MODEL = "fake-embed";
    static final int DIMENSION = FakeLlmServer.DEFAULT_EMBEDDING_DIMENSION;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> PASSAGES = List.of(
            "Staff get twenty five days of annual leave.",
            "Refunds are granted within twenty one days of purchase.",
            "The office is closed on public holidays.",
            "Expenses above fifty euros need a receipt.",
            "Parking is free for visitors.");

    FakeLlmServer fake;
    RemoteEmbeddingModel model;

    abstract FakeLlmServer startFake();

    @Override
    protected EmbeddingModel model() {
        return model;
    }

    abstract ProviderKind kind();

    /** The texts the request carried, in order. */
    abstract List<String> sentTexts(RecordedRequest request);

    /** Whether the protocol numbers each vector, so that a provider may list them in any order (OpenAI's does). */
    boolean carriesIndexes() {
        return true;
    }

    ProviderSettings.Builder provider(String baseUrl) {
        return ProviderSettings.builder(kind())
                .baseUrl(baseUrl)
                .apiKey(fake.apiKey())
                .model(MODEL)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10));
    }

    EmbeddingSettings.Builder settings(Consumer<ProviderSettings.Builder> provider) {
        ProviderSettings.Builder p = provider(fake.baseUrl());
        provider.accept(p);
        return EmbeddingSettings.builder(p.build()).dimension(DIMENSION);
    }

    RemoteEmbeddingModel create(EmbeddingSettings settings) {
        return RemoteEmbeddingModel.create(settings, TokenCounter.whitespace());
    }

    @BeforeAll
    void startServer() {
        fake = startFake();
        model = create(settings(p -> {}).build());
    }

    @AfterAll
    void stopServer() {
        model.close();
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    static JsonNode body(RecordedRequest request) {
        return JSON.readTree(request.body());
    }

    static ProviderException failureOf(Runnable call) {
        return catchThrowableOfType(ProviderException.class, call::run);
    }

    static void assertUnitVectorOf(float[] actual, String text) {
        float[] expected = new HashingEmbeddingModel(DIMENSION).embed(text);
        assertThat(actual).hasSize(DIMENSION);
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("component %d of \"%s\"", i, text).isCloseTo(expected[i], within(1e-6f));
            norm += (double) actual[i] * actual[i];
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
    }

    // --- vectors ---

    @Test
    void passagesComeBackInInputOrderAsUnitVectorsInOneRequest() {
        List<float[]> vectors = model.embedPassages(PASSAGES);

        assertThat(vectors).hasSize(PASSAGES.size());
        for (int i = 0; i < PASSAGES.size(); i++) {
            assertUnitVectorOf(vectors.get(i), PASSAGES.get(i));
        }
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
        assertThat(sentTexts(fake.lastRequest())).containsExactlyElementsOf(PASSAGES);
    }

    @Test
    void theProvidersVectorsAreScaledToUnitLengthNotPassedThrough() {
        String text = "annual leave days";
        assertThat(norm(HashingEmbeddingModel.unnormalized(text, DIMENSION)))
                .as("the length of what the fake sends")
                .isGreaterThan(1.5);

        float[] vector = model.embedQuery(text);

        assertThat(norm(vector)).isCloseTo(1.0, within(1e-6));
        assertUnitVectorOf(vector, text);
    }

    @Test
    void textsSharingWordsGetSimilarVectors() {
        List<float[]> v = model.embedPassages(List.of("annual leave policy", "annual leave days", "parking rules"));

        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)));
    }

    @Test
    void passagesAreSentInBatchesOfTheMaximumSizeAndReassembledInOrder() {
        try (RemoteEmbeddingModel batched =
                create(settings(p -> {}).maxBatchSize(2).build())) {
            List<float[]> vectors = batched.embedPassages(PASSAGES);

            assertThat(fake.embeddingCallCount()).isEqualTo(3);
            assertThat(fake.embeddingRequests())
                    .extracting(r -> sentTexts(r).size())
                    .containsExactly(2, 2, 1);
            List<String> sent = new ArrayList<>();
            fake.embeddingRequests().forEach(r -> sent.addAll(sentTexts(r)));
            assertThat(sent).containsExactlyElementsOf(PASSAGES);
            for (int i = 0; i < PASSAGES.size(); i++) {
                assertUnitVectorOf(vectors.get(i), PASSAGES.get(i));
            }
        }
    }

    @Test
    void vectorsListedOutOfOrderArePutBackByTheirIndex() {
        assumeThat(carriesIndexes()).as("the protocol numbers its vectors").isTrue();
        fake.respondToEmbeddingsWith(FakeResponse.embeddings().reversed());

        List<float[]> vectors = model.embedPassages(PASSAGES);

        for (int i = 0; i < PASSAGES.size(); i++) {
            assertUnitVectorOf(vectors.get(i), PASSAGES.get(i));
        }
    }

    @Test
    void noPassagesMeansNoCall() {
        assertThat(model.embedPassages(List.of())).isEmpty();
        assertThat(fake.embeddingCallCount()).isZero();
    }

    @Test
    void queryAndPassagePrefixesAreSentAndOnlyThePassagePrefixChangesTheId() {
        try (RemoteEmbeddingModel prefixed = create(settings(p -> {})
                .queryPrefix("search_query: ")
                .passagePrefix("search_document: ")
                .build())) {
            prefixed.embedQuery("How many days of leave?");
            prefixed.embedPassages(List.of("Staff get 25 days."));

            assertThat(fake.embeddingRequests())
                    .extracting(r -> sentTexts(r).getFirst())
                    .containsExactly("search_query: How many days of leave?", "search_document: Staff get 25 days.");
            assertThat(prefixed.id()).startsWith(model.id() + ":passage-prefix-");
            try (RemoteEmbeddingModel queryPrefixOnly =
                    create(settings(p -> {}).queryPrefix("query: ").build())) {
                assertThat(queryPrefixOnly.id()).isEqualTo(model.id());
            }
        }
    }

    @Test
    void theIdNamesProviderModelAndDimension() {
        assertThat(model.id()).isEqualTo(kind().code() + ":" + MODEL + ":" + DIMENSION);
        assertThat(model.dimension()).isEqualTo(DIMENSION);
    }

    // --- failures ---

    @Test
    void aVectorOfAnotherDimensionIsAClearInvalidResponseAndIsNotRetried() {
        fake.respondToEmbeddingsWith(FakeResponse.embeddings().dimension(768));

        ProviderException e = failureOf(() -> model.embedPassages(PASSAGES));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(e.getMessage())
                .isEqualTo(kind().code() + ": invalid_response: " + MODEL + " returned a vector of"
                        + " 768 dimensions for input 0, but 256 are configured: configure the dimension the model really"
                        + " returns, or a model that returns 256");
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitAskedForAndThenSucceeds() {
        fake.respondToEmbeddingsInSequence(FakeResponse.status(429).retryAfter("0"), FakeResponse.embeddings());

        List<float[]> vectors = model.embedPassages(PASSAGES);

        assertUnitVectorOf(vectors.getLast(), PASSAGES.getLast());
        assertThat(fake.embeddingCallCount()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsRetriedUpToTheMaximumAttemptsThenFails() {
        fake.respondToEmbeddingsWith(FakeResponse.status(500));

        ProviderException e = failureOf(() -> model.embedQuery("leave"));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(fake.embeddingCallCount())
                .isEqualTo(ResilienceSettings.defaults().maxAttempts());
    }

    @Test
    void aRetryAfterLongerThanTheCapFailsAtOnce() {
        fake.respondToEmbeddingsWith(FakeResponse.status(429).retryAfter("3600"));

        ProviderException e = failureOf(() -> model.embedQuery("leave"));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }

    @Test
    void aRefusedCredentialFailsAtOnceAsAuthentication() {
        fake.respondToEmbeddingsWith(FakeResponse.status(401));

        ProviderException e = failureOf(() -> model.embedPassages(PASSAGES));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.retriable()).isFalse();
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsAConnectionFailureAndIsRetried() {
        fake.respondToEmbeddingsInSequence(FakeResponse.connectionReset(), FakeResponse.embeddings());

        float[] vector = model.embedQuery("annual leave");

        assertUnitVectorOf(vector, "annual leave");
        assertThat(fake.embeddingCallCount()).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotJsonIsAnInvalidResponse() {
        fake.respondToEmbeddingsWith(FakeResponse.malformedBody());

        ProviderException e = failureOf(() -> model.embedQuery("leave"));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }

    @Test
    void aProviderSlowerThanTheTimeoutFailsAsTimeoutWithinAboutTheTimeout() {
        fake.respondToEmbeddingsWith(FakeResponse.embeddings().firstByteDelay(Duration.ofSeconds(5)));
        ResilienceSettings d = ResilienceSettings.defaults();
        ResilienceSettings oneAttempt = new ResilienceSettings(
                d.totalTimeout(),
                d.firstTokenTimeout(),
                1,
                d.initialBackoff(),
                d.maxBackoff(),
                d.maxRetryAfter(),
                d.failureThreshold(),
                d.openDuration(),
                d.maxConcurrentCalls());
        try (RemoteEmbeddingModel impatient = create(settings(p -> p.readTimeout(Duration.ofMillis(700)))
                .resilience(oneAttempt)
                .build())) {
            long start = System.nanoTime();

            ProviderException e = failureOf(() -> impatient.embedQuery("leave"));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(fake.embeddingCallCount()).isEqualTo(1);
        }
    }

    @Test
    void chatCallsAndEmbeddingCallsHaveSeparateSequences() {
        fake.respondWith(FakeResponse.status(500));

        model.embedQuery("leave");

        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
