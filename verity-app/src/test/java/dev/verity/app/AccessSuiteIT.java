package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Principals;
import dev.verity.identity.Scope;
import dev.verity.identity.keys.ApiKeys;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.testkit.files.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access suite of issue 13: one data folder with two tenants, restricted documents whose text and file names carry
 * canaries, and API keys of every kind (board, staff, other tenant, query-only, ingest-only, impersonate, revoked,
 * expired); the board warms the answer cache, conversations and idempotency keys with the canaries; then thousands of
 * seeded adversarial requests over every endpoint, sent concurrently, must never show a canary (or a restricted
 * document id) to a caller who may not see it, never get a 5xx, and leave the restricted documents as they were.
 *
 * <p>{@code -Dverity.access.requests=N} (default 10,000) and {@code -Dverity.access.seed=S} change the run; a failure
 * prints the seed and the request, so it can be replayed.
 */
class AccessSuiteIT {
    private static final int REQUESTS = Integer.getInteger("verity.access.requests", 10_000);
    private static final long SEED = Long.getLong("verity.access.seed", 13L);
    private static final int CONCURRENCY = 8;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final String GLOBEX = "globex";
    private static final String DOCS = "docs";

    /** The board's minutes in the default tenant: ingested through the use-case. */
    private static final String MINUTES_FILE = "CANARY-F1-b81e55.pdf";

    private static final String MINUTES_TEXT = "CANARY-T1-7f3a91";
    /** The board's price memo in the default tenant: uploaded by the board key over HTTP with an Idempotency-Key. */
    private static final String PRICE_FILE = "CANARY-F2-c93d07.pdf";

    private static final String PRICE_TEXT = "CANARY-T2-0d2e6b";
    /** Globex's board plan: same collection name, same principal {@code group:board}, another tenant. */
    private static final String GLOBEX_FILE = "CANARY-F3-4aa1f0.pdf";

    private static final String GLOBEX_TEXT = "CANARY-T3-91be2c";

    private static final String MINUTES_ID = DocumentIds.documentId(DocumentIds.DEFAULT_TENANT, DOCS, MINUTES_FILE);
    private static final String PRICE_ID = DocumentIds.documentId(DocumentIds.DEFAULT_TENANT, DOCS, PRICE_FILE);
    private static final String GLOBEX_ID = DocumentIds.documentId(GLOBEX, DOCS, GLOBEX_FILE);

    private static final List<String> QUESTIONS = List.of(
            "What is the merger code word chosen by the board?",
            "What acquisition price per share did the board approve?",
            "What is the code word of the Globex board?",
            "Within how many days are refunds granted?");

    /** Principals as a body would send them: exact, padded, other case, no-break and zero-width spaces, lists. */
    private static final List<List<String>> BODY_PRINCIPALS = List.of(
            List.of("group:board"),
            List.of("group:board "),
            List.of(" group:board"),
            List.of("Group:Board"),
            List.of("GROUP:BOARD"),
            List.of("group:\u00a0board"),
            List.of("group:board\u00a0"),
            List.of("\u00a0group:board"),
            List.of("group:board\u200b"),
            List.of("group:board\t"),
            List.of("group:board\n"),
            List.of("group: board"),
            List.of("group:board%20"),
            List.of("group:board,hr"),
            List.of("group:staff", "group:board"),
            List.of("user:ceo"),
            List.of("group:*"),
            List.of("*"),
            List.of(""),
            List.of(),
            List.of("group:staff"));

    /** Principals as a query string would carry them, already encoded. */
    private static final List<String> QUERY_PRINCIPALS = List.of(
            "group:board",
            "group:board%20",
            "group%3Aboard",
            "group:board+",
            "Group:Board",
            "group:%C2%A0board",
            "group:board%C2%A0",
            "group:board%E2%80%8B",
            "group:board%09",
            "group:board%2Chr",
            "group:staff,group:board",
            "user:ceo",
            "%2A",
            "",
            "group:staff");

    private static final Set<String> DEFAULT_SECRETS =
            Set.of(MINUTES_FILE, MINUTES_TEXT, PRICE_FILE, PRICE_TEXT, MINUTES_ID, PRICE_ID);
    private static final Set<String> GLOBEX_SECRETS = Set.of(GLOBEX_FILE, GLOBEX_TEXT, GLOBEX_ID);

    /** Who sends a request; {@link #BOARD} and {@link #GLOBEX_BOARD}-free roles are the attackers. */
    enum Who {
        BOARD,
        STAFF,
        QUERY_ONLY,
        INGEST_ONLY,
        AUDITOR,
        OTHER_TENANT,
        IMPERSONATOR,
        REVOKED,
        EXPIRED,
        FORGED,
        ANONYMOUS
    }

    /** The kinds of attack the summary counts. */
    enum Category {
        NO_CREDENTIALS,
        FORGED_KEY,
        REVOKED_KEY,
        EXPIRED_KEY,
        WRONG_TENANT,
        MISSING_SCOPE,
        OTHER_PRINCIPALS,
        PRINCIPALS_IN_REQUEST
    }

    enum Endpoint {
        QUERY,
        CONVERSATION_START,
        CONVERSATION_MESSAGE,
        CONVERSATION_HISTORY,
        COLLECTIONS,
        DOCUMENTS_LIST,
        DOCUMENT_GET,
        DOCUMENT_DELETE,
        UPLOAD,
        JOBS_LIST,
        JOB_GET,
        AUDIT,
        HEALTH,
        API_DOCS
    }

    /** One request of the run, reproducible from the seed; {@code forbidden} the strings its response must not hold. */
    record Attack(
            int n,
            Category category,
            Who who,
            Endpoint endpoint,
            String method,
            String path,
            @Nullable String json,
            @Nullable Upload upload,
            Map<String, String> headers,
            boolean namesPrincipals,
            Set<String> forbidden) {

        /** Everything the caller sent: a secret it sent itself may be echoed back (a 404 naming the id asked for). */
        String sent() {
            return method + " " + path + " " + headers + " " + (json == null ? "" : json)
                    + (upload == null ? "" : upload.toString());
        }

        @Override
        public String toString() {
            return "#" + n + " " + category + " " + who + " " + sent();
        }
    }

    /** A multipart upload: file name, ACL and principals form fields. */
    record Upload(
            String fileName, @Nullable String acl, @Nullable String principals) {}

    @TempDir
    static Path root;

    private static final Map<Who, String> TOKENS = new ConcurrentHashMap<>();
    private static String globexBoardToken;
    private static ConfigurableApplicationContext server;
    private static String base;
    private static String boardConversation;
    private static String boardBatch;
    private static String boardJob;
    private static byte[] intruderPdf;
    private static final Map<String, String> WARM_QUERIES = new LinkedHashMap<>();

    @BeforeAll
    static void ingestCreateKeysStartAndWarmUp() throws Exception {
        VerityConfig config = VerityConfig.from(root.resolve("data"), Map.of());
        Path minutes = SampleFiles.pdf(
                root.resolve(MINUTES_FILE),
                "Board minutes",
                List.of("The merger code word chosen by the board is " + MINUTES_TEXT + " and it stays secret."));
        Path handbook = SampleFiles.pdf(
                root.resolve("handbook.pdf"),
                "Handbook",
                List.of("Refunds are granted within 21 days of purchase. The board publishes its decisions yearly."));
        Path globexPlan = SampleFiles.pdf(
                root.resolve(GLOBEX_FILE),
                "Globex plan",
                List.of("The code word of the Globex board is " + GLOBEX_TEXT + " this year."));
        Path globexHandbook = SampleFiles.pdf(
                root.resolve("globex-handbook.pdf"),
                "Globex handbook",
                List.of("Globex refunds are granted within 30 days of purchase."));
        intruderPdf = Files.readAllBytes(SampleFiles.pdf(
                root.resolve("intruder.pdf"), "Intruder", List.of("This document was replaced by an intruder.")));
        try (Verity verity = Verity.forWriting(config)) {
            var ingestion = verity.ingestion();
            ingestion.ingest(
                    List.of(new SourceFile(minutes, MINUTES_FILE)),
                    new IngestOptions(DocumentIds.DEFAULT_TENANT, DOCS, Set.of("group:board")),
                    IngestionWorkers.Listener.none());
            ingestion.ingest(
                    List.of(new SourceFile(handbook, "handbook.pdf")),
                    new IngestOptions(DocumentIds.DEFAULT_TENANT, DOCS, Set.of()),
                    IngestionWorkers.Listener.none());
            ingestion.ingest(
                    List.of(new SourceFile(globexPlan, GLOBEX_FILE)),
                    new IngestOptions(GLOBEX, DOCS, Set.of("group:board")),
                    IngestionWorkers.Listener.none());
            ingestion.ingest(
                    List.of(new SourceFile(globexHandbook, "globex-handbook.pdf")),
                    new IngestOptions(GLOBEX, DOCS, Set.of()),
                    IngestionWorkers.Listener.none());

            ApiKeys keys = verity.keys();
            Set<Scope> all = Set.of(Scope.QUERY, Scope.INGEST, Scope.ADMIN);
            TOKENS.put(Who.BOARD, key(keys, "board", "default", Set.of("group:board", "user:ceo"), all));
            TOKENS.put(
                    Who.STAFF, key(keys, "staff", "default", Set.of("group:staff"), Set.of(Scope.QUERY, Scope.INGEST)));
            TOKENS.put(Who.QUERY_ONLY, key(keys, "reader", "default", Set.of("group:staff"), Set.of(Scope.QUERY)));
            TOKENS.put(Who.INGEST_ONLY, key(keys, "loader", "default", Set.of("group:staff"), Set.of(Scope.INGEST)));
            TOKENS.put(Who.AUDITOR, key(keys, "auditor", "default", Set.of("group:ops"), Set.of(Scope.ADMIN)));
            // the other tenant's attacker holds the very principal of the restricted documents
            TOKENS.put(Who.OTHER_TENANT, key(keys, "globex-board", GLOBEX, Set.of("group:board", "user:hank"), all));
            globexBoardToken = TOKENS.get(Who.OTHER_TENANT);
            TOKENS.put(
                    Who.IMPERSONATOR,
                    key(keys, "backend", "default", Set.of("svc:backend"), Set.of(Scope.QUERY, Scope.IMPERSONATE)));
            ApiKeys.Issued revoked =
                    keys.create("revoked", "default", Set.of("group:board"), all, Optional.empty(), "local");
            keys.revoke(revoked.key().id(), "local");
            TOKENS.put(Who.REVOKED, revoked.secret());
            TOKENS.put(
                    Who.EXPIRED,
                    keys.create(
                                    "expired",
                                    "default",
                                    Set.of("group:board"),
                                    all,
                                    Optional.of(Duration.ofSeconds(1)),
                                    "local")
                            .secret());
        }
        Thread.sleep(1_100); // the expired key's second is over (the server's start takes longer anyway)

        server = VerityServer.start(config, SecurityConfig.NONE, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        assertThat(VerityServer.authenticationRequired(server)).isTrue();
        warmUpAsTheBoard();
    }

    private static String key(ApiKeys keys, String name, String tenant, Set<String> principals, Set<Scope> scopes) {
        return keys.create(name, tenant, principals, scopes, Optional.empty(), "local")
                .secret();
    }

    /** The board uploads, asks (with Idempotency-Keys), converses: caches, stored responses and history hold canaries. */
    private static void warmUpAsTheBoard() throws Exception {
        Path price = SampleFiles.pdf(
                root.resolve(PRICE_FILE),
                "Price memo",
                List.of("The acquisition price per share the board approved is " + PRICE_TEXT + " in cash."));
        HttpResponse<String> uploaded = send(uploadRequest(
                TOKENS.get(Who.BOARD),
                DOCS,
                new Upload(PRICE_FILE, "group:board", null),
                Files.readAllBytes(price),
                true,
                "board-upload-1"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        boardBatch = JSON.readTree(uploaded.body()).get("batch_id").asString();
        assertThat(uploaded.body()).contains(PRICE_ID);
        HttpResponse<String> batch =
                send(jsonRequest(TOKENS.get(Who.BOARD), "GET", "/v1/jobs/" + boardBatch, null, Map.of()));
        boardJob = JSON.readTree(batch.body()).get("jobs").get(0).get("id").asString();
        assertThat(batch.body()).contains(PRICE_FILE);

        int i = 0;
        for (String question : QUESTIONS) {
            for (String mode : List.of("hybrid", "bm25", "vector")) {
                String body = JSON.writeValueAsString(
                        Map.of("collection", DOCS, "question", question, "top_k", 5, "mode", mode));
                String idempotencyKey = "board-q-" + i++;
                HttpResponse<String> answer = send(jsonRequest(
                        TOKENS.get(Who.BOARD), "POST", "/v1/query", body, Map.of("Idempotency-Key", idempotencyKey)));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                WARM_QUERIES.put(idempotencyKey, body);
            }
        }
        HttpResponse<String> started = send(jsonRequest(
                TOKENS.get(Who.BOARD), "POST", "/v1/conversations", "{\"collection\": \"docs\"}", Map.of()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        boardConversation = JSON.readTree(started.body()).get("id").asString();
        HttpResponse<String> message = send(jsonRequest(
                TOKENS.get(Who.BOARD),
                "POST",
                "/v1/conversations/" + boardConversation + "/messages",
                "{\"question\": \"" + QUESTIONS.get(0) + "\"}",
                Map.of()));
        assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
        assertThat(message.body()).contains(MINUTES_TEXT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noAdversarialRequestSeesOrChangesWhatItMayNot() throws Exception {
        Map<String, JsonNode> before = documents(TOKENS.get(Who.BOARD));
        Map<String, JsonNode> globexBefore = documents(globexBoardToken);
        assertThat(before).containsKeys(MINUTES_ID, PRICE_ID);
        assertThat(globexBefore).containsKey(GLOBEX_ID).doesNotContainKeys(MINUTES_ID, PRICE_ID);

        List<Attack> attacks = attacks(new Random(SEED), REQUESTS);
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        Map<String, AtomicInteger> byCategory = new TreeMap<>();
        ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (Attack attack : attacks) {
                inFlight.acquire();
                sent.add(pool.submit(() -> {
                    try {
                        HttpResponse<String> response = send(request(attack));
                        int status = response.statusCode();
                        synchronized (statuses) {
                            statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                    .incrementAndGet();
                            byCategory
                                    .computeIfAbsent(attack.category() + " " + status, s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        if (status >= 500) {
                            serverErrors.add(status + " " + attack + " -> " + response.body());
                        }
                        String seen = response.headers().map() + "\n" + response.body();
                        for (String secret : attack.forbidden()) {
                            if (seen.contains(secret) && !attack.sent().contains(secret)) {
                                leaks.add(secret + " in " + status + " to " + attack + " -> " + seen);
                            }
                        }
                        expectation(attack, status).ifPresent(why -> unexpected.add(why + ": " + attack));
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "access suite: seed %d, %d requests in %d ms, statuses %s, leaks=%d, 5xx=%d%n  by category: %s%n",
                SEED, attacks.size(), wall.toMillis(), statuses, leaks.size(), serverErrors.size(), byCategory);

        assertThat(leaks).as("leaks (seed %d)", SEED).isEmpty();
        assertThat(serverErrors).as("5xx (seed %d)", SEED).isEmpty();
        assertThat(unexpected).as("unexpected statuses (seed %d)", SEED).isEmpty();
        // not vacuous: every category was refused somewhere, and something was answered
        for (int status : List.of(200, 401, 403, 404)) {
            assertThat(statuses).containsKey(status);
        }
        for (Category category : Category.values()) {
            assertThat(byCategory.keySet()).anyMatch(k -> k.startsWith(category + " 4"));
        }

        // nothing restricted changed, and no upload of the other tenant landed in this one
        Map<String, JsonNode> after = documents(TOKENS.get(Who.BOARD));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String id : before.keySet()) {
            assertThat(after.get(id).get("sha256")).isEqualTo(before.get(id).get("sha256"));
            assertThat(after.get(id).get("version")).isEqualTo(before.get(id).get("version"));
        }
        Map<String, JsonNode> globexAfter = documents(globexBoardToken);
        assertThat(globexAfter).containsKey(GLOBEX_ID).doesNotContainKeys(MINUTES_ID, PRICE_ID);
        assertThat(globexAfter.get(GLOBEX_ID).get("sha256"))
                .isEqualTo(globexBefore.get(GLOBEX_ID).get("sha256"));
    }

    @Test
    void thePrivilegedCallersDoSeeTheirCanariesAndStaffSeesPublicContent() throws Exception {
        HttpResponse<String> board =
                send(jsonRequest(TOKENS.get(Who.BOARD), "POST", "/v1/query", WARM_QUERIES.get("board-q-0"), Map.of()));
        HttpResponse<String> boardDocument = send(jsonRequest(
                TOKENS.get(Who.BOARD), "GET", "/v1/collections/docs/documents/" + MINUTES_ID, null, Map.of()));
        HttpResponse<String> globex = send(jsonRequest(
                globexBoardToken,
                "POST",
                "/v1/query",
                "{\"collection\": \"docs\", \"question\": \"" + QUESTIONS.get(2) + "\"}",
                Map.of()));
        HttpResponse<String> impersonated = send(jsonRequest(
                TOKENS.get(Who.IMPERSONATOR),
                "POST",
                "/v1/query",
                "{\"collection\": \"docs\", \"question\": \"" + QUESTIONS.get(0)
                        + "\", \"principals\": [\" group:board\u00a0\"]}",
                Map.of()));
        HttpResponse<String> staff = send(jsonRequest(
                TOKENS.get(Who.STAFF),
                "POST",
                "/v1/query",
                "{\"collection\": \"docs\", \"question\": \"" + QUESTIONS.get(3) + "\"}",
                Map.of()));

        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains(MINUTES_TEXT).contains(MINUTES_FILE);
        assertThat(boardDocument.statusCode()).isEqualTo(200);
        assertThat(globex.body()).contains(GLOBEX_TEXT).doesNotContain(MINUTES_TEXT);
        assertThat(impersonated.body()).contains(MINUTES_TEXT).doesNotContain(GLOBEX_TEXT);
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).contains("21 days").doesNotContain(MINUTES_TEXT);
    }

    /** The seeded attacks: a category, a caller that fits it, an endpoint, and what the caller must not see. */
    private static List<Attack> attacks(Random random, int count) {
        List<Attack> attacks = new ArrayList<>(count);
        Category[] categories = Category.values();
        Endpoint[] endpoints = Endpoint.values();
        for (int n = 0; n < count; n++) {
            Category category = categories[random.nextInt(categories.length)];
            Endpoint endpoint = endpoints[random.nextInt(endpoints.length)];
            if (endpoint == Endpoint.API_DOCS && random.nextInt(4) != 0) {
                endpoint = Endpoint.QUERY; // the OpenAPI document is large and says nothing about data
            }
            Who who = switch (category) {
                case NO_CREDENTIALS -> Who.ANONYMOUS;
                case FORGED_KEY -> Who.FORGED;
                case REVOKED_KEY -> Who.REVOKED;
                case EXPIRED_KEY -> Who.EXPIRED;
                case WRONG_TENANT -> Who.OTHER_TENANT;
                case MISSING_SCOPE -> isIngest(endpoint) ? Who.QUERY_ONLY : Who.INGEST_ONLY;
                case OTHER_PRINCIPALS -> pick(random, List.of(Who.STAFF, Who.QUERY_ONLY, Who.INGEST_ONLY, Who.AUDITOR));
                case PRINCIPALS_IN_REQUEST ->
                    pick(random, List.of(Who.IMPERSONATOR, Who.IMPERSONATOR, Who.STAFF, Who.OTHER_TENANT));
            };
            attacks.add(attack(random, n, category, who, endpoint));
        }
        return attacks;
    }

    private static boolean isIngest(Endpoint endpoint) {
        return switch (endpoint) {
            case DOCUMENT_DELETE, UPLOAD, JOBS_LIST, JOB_GET -> true;
            default -> false;
        };
    }

    private static Attack attack(Random random, int n, Category category, Who who, Endpoint endpoint) {
        boolean withPrincipals = category == Category.PRINCIPALS_IN_REQUEST;
        List<String> bodyPrincipals = withPrincipals ? pick(random, BODY_PRINCIPALS) : List.of();
        String queryPrincipals = withPrincipals ? pick(random, QUERY_PRINCIPALS) : "";
        String principalsParam = withPrincipals ? "?principals=" + queryPrincipals : "";
        Map<String, String> headers = new LinkedHashMap<>();
        String method = "GET";
        String path;
        String json = null;
        Upload upload = null;
        boolean actsAsBoard = false;
        switch (endpoint) {
            case QUERY -> {
                method = "POST";
                path = "/v1/query";
                if (random.nextInt(3) == 0) {
                    // a replay of the board's request: its body, sometimes its Idempotency-Key
                    Map.Entry<String, String> warm = pick(random, List.copyOf(WARM_QUERIES.entrySet()));
                    json = warm.getValue();
                    if (random.nextBoolean()) {
                        headers.put("Idempotency-Key", warm.getKey());
                    }
                    if (withPrincipals) {
                        json = json.substring(0, json.length() - 1) + ", \"principals\": " + write(bodyPrincipals)
                                + "}";
                        actsAsBoard = actsAsBoard(bodyPrincipals);
                    }
                } else {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("collection", pick(random, List.of(DOCS, DOCS, "default", "Docs")));
                    body.put("question", pick(random, QUESTIONS));
                    body.put("top_k", 1 + random.nextInt(20));
                    body.put("mode", pick(random, List.of("hybrid", "bm25", "vector")));
                    if (random.nextBoolean()) {
                        body.put(
                                "filters",
                                Map.of(
                                        "sources",
                                        List.of(pick(random, List.of(MINUTES_FILE, PRICE_FILE, GLOBEX_FILE)))));
                    }
                    if (random.nextInt(8) == 0) {
                        body.put("stream", true);
                    }
                    if (withPrincipals) {
                        body.put("principals", bodyPrincipals);
                        actsAsBoard = actsAsBoard(bodyPrincipals);
                    }
                    if (random.nextInt(4) == 0) {
                        headers.put("Idempotency-Key", "attack-" + random.nextInt(50));
                    }
                    json = write(body);
                }
            }
            case CONVERSATION_START -> {
                method = "POST";
                path = "/v1/conversations";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("collection", DOCS);
                if (withPrincipals) {
                    body.put("principals", bodyPrincipals);
                    actsAsBoard = actsAsBoard(bodyPrincipals);
                }
                json = write(body);
            }
            case CONVERSATION_MESSAGE -> {
                method = "POST";
                path = "/v1/conversations/" + conversation(random) + "/messages";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("question", pick(random, QUESTIONS));
                if (withPrincipals) {
                    body.put("principals", bodyPrincipals);
                    actsAsBoard = actsAsBoard(bodyPrincipals);
                }
                json = write(body);
            }
            case CONVERSATION_HISTORY -> {
                path = "/v1/conversations/" + conversation(random) + principalsParam;
                actsAsBoard = withPrincipals && actsAsBoard(queryPrincipals);
            }
            case COLLECTIONS -> {
                path = "/v1/collections" + principalsParam;
                actsAsBoard = withPrincipals && actsAsBoard(queryPrincipals);
            }
            case DOCUMENTS_LIST -> {
                path = "/v1/collections/" + pick(random, List.of(DOCS, "default")) + "/documents" + principalsParam;
                actsAsBoard = withPrincipals && actsAsBoard(queryPrincipals);
            }
            case DOCUMENT_GET -> {
                path = "/v1/collections/docs/documents/" + pick(random, List.of(MINUTES_ID, PRICE_ID, GLOBEX_ID))
                        + principalsParam;
                actsAsBoard = withPrincipals && actsAsBoard(queryPrincipals);
            }
            case DOCUMENT_DELETE -> {
                method = "DELETE";
                // the other tenant's board may delete its own document: it attacks this tenant's only
                List<String> targets = who == Who.OTHER_TENANT
                        ? List.of(MINUTES_ID, PRICE_ID)
                        : List.of(MINUTES_ID, PRICE_ID, GLOBEX_ID);
                path = "/v1/collections/docs/documents/" + pick(random, targets) + principalsParam;
            }
            case UPLOAD -> {
                method = "POST";
                // over the restricted names of the default tenant (the other tenant's own name is its to replace)
                String name = pick(random, List.of(MINUTES_FILE, PRICE_FILE));
                String acl = pick(random, Arrays.asList(null, "", "group:staff", "group:board"));
                upload = new Upload(name, acl, withPrincipals ? String.join(",", bodyPrincipals) : null);
                path = "/v1/collections/docs/documents" + (random.nextInt(4) == 0 ? "?wait=true" : "");
                if (random.nextInt(3) == 0) {
                    headers.put("Idempotency-Key", "board-upload-1");
                }
            }
            case JOBS_LIST -> path = "/v1/jobs" + (random.nextBoolean() ? "?limit=100" : "");
            case JOB_GET ->
                path = "/v1/jobs/" + pick(random, List.of(boardBatch, boardBatch, boardJob, "b_nonexistent"));
            case AUDIT -> path = "/v1/admin/audit" + (random.nextBoolean() ? "?limit=1000" : "");
            case HEALTH ->
                path = pick(
                        random, List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"));
            case API_DOCS -> path = "/v3/api-docs";
            default -> throw new IllegalStateException(endpoint.name());
        }
        boolean carriesPrincipals = !EnumSet.of(
                        Endpoint.JOBS_LIST, Endpoint.JOB_GET, Endpoint.AUDIT, Endpoint.HEALTH, Endpoint.API_DOCS)
                .contains(endpoint);
        boolean names = withPrincipals
                && carriesPrincipals
                && (json != null || upload != null ? !bodyPrincipals.isEmpty() : !queryPrincipals.isEmpty());
        return new Attack(
                n, category, who, endpoint, method, path, json, upload, headers, names, forbidden(who, actsAsBoard));
    }

    /** What this caller must never be shown. */
    private static Set<String> forbidden(Who who, boolean actsAsBoard) {
        Set<String> forbidden = new HashSet<>(GLOBEX_SECRETS);
        if (who == Who.OTHER_TENANT) {
            // its own documents are its to see; it may upload files named like this tenant's (its own documents then)
            forbidden = new HashSet<>(DEFAULT_SECRETS);
            forbidden.removeAll(Set.of(MINUTES_FILE, PRICE_FILE));
        } else if (!(who == Who.IMPERSONATOR && actsAsBoard)) {
            forbidden.addAll(DEFAULT_SECRETS);
        }
        return Set.copyOf(forbidden);
    }

    /** Whether these principals, once normalised, include the board's: an impersonator may then see its documents. */
    private static boolean actsAsBoard(List<String> principals) {
        try {
            return Principals.normalise(principals).contains("group:board");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean actsAsBoard(String encodedQueryValue) {
        String decoded = URLDecoder.decode(encodedQueryValue, StandardCharsets.UTF_8);
        return actsAsBoard(Arrays.asList(decoded.split(",", -1)));
    }

    private static String conversation(Random random) {
        return pick(
                random, List.of(boardConversation, boardConversation, "conv_" + Long.toHexString(random.nextLong())));
    }

    /**
     * A status that contradicts the rules: a request without a valid credential on a protected endpoint gets 401, one
     * without the endpoint's scope 403, one naming principals without {@code impersonate} 403 (or 400 when invalid).
     */
    private static Optional<String> expectation(Attack attack, int status) {
        boolean open = attack.endpoint() == Endpoint.HEALTH || attack.endpoint() == Endpoint.API_DOCS;
        boolean unauthenticated = switch (attack.who()) {
            case ANONYMOUS, FORGED, REVOKED, EXPIRED -> true;
            default -> false;
        };
        // an open endpoint answers anyone, though a refused credential is still reported as one (401)
        if (open && status != 200 && !(unauthenticated && attack.who() != Who.ANONYMOUS && status == 401)) {
            return Optional.of("an open endpoint answered " + status);
        }
        if (!open && unauthenticated && status != 401) {
            return Optional.of("no valid credential, yet " + status);
        }
        if (!open && !unauthenticated && attack.category() == Category.MISSING_SCOPE && status != 403) {
            return Optional.of("missing scope, yet " + status);
        }
        boolean mayImpersonate = attack.who() == Who.IMPERSONATOR;
        if (attack.category() == Category.PRINCIPALS_IN_REQUEST
                && !mayImpersonate
                && !open
                && attack.namesPrincipals()
                && status != 403
                && status != 400) {
            return Optional.of("principals named without impersonate, yet " + status);
        }
        return Optional.empty();
    }

    private static HttpRequest request(Attack attack) {
        String token = switch (attack.who()) {
            case ANONYMOUS -> null;
            case FORGED -> forged(attack.n());
            default -> TOKENS.get(attack.who());
        };
        if (attack.upload() != null) {
            return uploadRequest(
                    token,
                    DOCS,
                    attack.upload(),
                    intruderPdf,
                    attack.path().endsWith("wait=true"),
                    attack.headers().get("Idempotency-Key"));
        }
        return jsonRequest(token, attack.method(), attack.path(), attack.json(), attack.headers());
    }

    /** Made-up credentials: well-formed keys that do not exist, a real key's id with another secret, garbage. */
    private static String forged(int n) {
        String board = TOKENS.get(Who.BOARD);
        return switch (n % 5) {
            case 0 -> "vrt_" + Long.toHexString(n * 2654435761L) + "_" + "A".repeat(43);
            case 1 -> board.substring(0, board.indexOf('_', ApiKeys.PREFIX.length()) + 1) + "B".repeat(43);
            case 2 -> board + "x";
            case 3 -> "group:board";
            default -> "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjZW8iLCJncm91cHMiOlsiZ3JvdXA6Ym9hcmQiXX0.";
        };
    }

    private static HttpRequest jsonRequest(
            @Nullable String token, String method, String path, @Nullable String json, Map<String, String> headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return builder.build();
    }

    private static HttpRequest uploadRequest(
            @Nullable String token,
            String collection,
            Upload upload,
            byte[] content,
            boolean wait,
            @Nullable String idempotencyKey) {
        String boundary = "verity-access-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (upload.acl() != null) {
            body.writeBytes(field(boundary, "acl", upload.acl()));
        }
        if (upload.principals() != null) {
            body.writeBytes(field(boundary, "principals", upload.principals()));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + upload.fileName() + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(base + "/v1/collections/" + collection + "/documents" + (wait ? "?wait=true" : "")))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    private static byte[] field(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The documents of the collection as this key sees them, by id. */
    private static Map<String, JsonNode> documents(String token) throws Exception {
        HttpResponse<String> response =
                send(jsonRequest(token, "GET", "/v1/collections/docs/documents", null, Map.of()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode document : JSON.readTree(response.body()).get("documents")) {
            byId.put(document.get("document_id").asString(), document);
        }
        return byId;
    }

    private static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
