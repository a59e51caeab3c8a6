package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import dev.verity.identity.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code verity keys} and {@code verity audit} on a data folder of their own (an H2 database, no index). */
class KeysCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void createPrintsAKeyOnceThatAuthenticatesAsItsTenantPrincipalsAndScopes() {
        ExitCodesTest.Run created = keys(
                "create",
                "--name",
                "intranet",
                "--principals",
                "group:staff, user:ana",
                "--scopes",
                "query,ingest",
                "--tenant",
                "acme",
                "--expires-in",
                "90d",
                "--json");

        assertThat(created.code()).isZero();
        JsonNode json = JSON.readTree(created.out());
        assertThat(fieldNames(json))
                .containsExactly("id", "key", "name", "tenant", "principals", "scopes", "expires_at");
        String id = json.get("id").asString();
        String key = json.get("key").asString();
        assertThat(key).startsWith("vrt_" + id + "_");
        assertThat(json.get("principals").toString()).isEqualTo("[\"group:staff\",\"user:ana\"]");
        assertThat(json.get("scopes").toString()).isEqualTo("[\"query\",\"ingest\"]");
        assertThat(json.get("expires_at").asString()).endsWith("Z");
        try (Verity verity = Verity.forQueries(config())) {
            assertThat(verity.keys().authenticate(key))
                    .contains(new Caller(
                            "acme", Set.of("group:staff", "user:ana"), Set.of(Scope.QUERY, Scope.INGEST), "key:" + id));
        }

        ExitCodesTest.Run list = keys("list", "--json");
        assertThat(list.out()).doesNotContain(key).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        JsonNode listed = JSON.readTree(list.out().lines().findFirst().orElseThrow());
        assertThat(listed.get("state").asString()).isEqualTo("active");
        assertThat(listed.get("last_used_at").isNull()).isFalse(); // the authentication above was recorded
    }

    @Test
    void createInTextSaysTheKeyWillNotBeShownAgain() {
        ExitCodesTest.Run created = keys("create", "--name", "ci", "--scopes", "admin");

        assertThat(created.code()).isZero();
        List<String> lines = created.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .matches("created key [0-9a-f]{12} \\(ci\\): tenant default, scopes admin, principals none,"
                        + " expires never");
        assertThat(lines.get(1)).matches("vrt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(lines.get(2)).startsWith("This key is shown only now and will not be shown again");
    }

    @Test
    void rotateAndRevokeStopTheOldKeyAndAreAudited() {
        JsonNode created = JSON.readTree(
                keys("create", "--name", "ci", "--scopes", "query", "--json").out());
        String id = created.get("id").asString();

        ExitCodesTest.Run rotated = keys("rotate", id, "--json");
        assertThat(rotated.code()).isZero();
        String newKey = JSON.readTree(rotated.out()).get("key").asString();
        assertThat(newKey).isNotEqualTo(created.get("key").asString());
        try (Verity verity = Verity.forQueries(config())) {
            assertThat(catchThrowableOfType(
                                    AuthenticationException.class,
                                    () -> verity.keys()
                                            .authenticate(created.get("key").asString()))
                            .reason())
                    .isEqualTo("unknown_key");
            assertThat(verity.keys().authenticate(newKey)).isPresent();
        }

        ExitCodesTest.Run revoked = keys("revoke", id);
        assertThat(revoked.code()).isZero();
        assertThat(revoked.out()).startsWith("revoked key " + id + " (ci) at ");
        assertThat(keys("list").out()).contains(id + "  revoked");

        ExitCodesTest.Run audit = ExitCodesTest.run("audit", "--data", dir.toString(), "--since", "1h", "--json");
        assertThat(audit.code()).isZero();
        assertThat(audit.out()
                        .lines()
                        .map(JSON::readTree)
                        .map(e ->
                                e.get("type").asString() + " " + e.get("actor").asString() + " "
                                        + e.get("target").asString()))
                .containsExactly(
                        "key_created local " + id,
                        "key_rotated local " + id,
                        "auth_failed key:" + id + " " + id,
                        "key_revoked local " + id);
        assertThat(audit.out())
                .doesNotContain(newKey)
                .doesNotContain(created.get("key").asString());
    }

    @Test
    void anUnknownIdExitsSixAndABadValueTwo() {
        keys("create", "--name", "ci", "--scopes", "query");

        ExitCodesTest.Run revoke = keys("revoke", "0123456789ab");
        assertThat(revoke.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(revoke.err()).isEqualTo("error: no API key 0123456789ab (see `verity keys list`)\n");
        assertThat(keys("rotate", "0123456789ab").code()).isEqualTo(ExitCodes.NOT_FOUND);

        ExitCodesTest.Run badId = keys("revoke", "nope");
        assertThat(badId.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badId.err())
                .isEqualTo("error: a key id is 12 lower-case hex characters (see `verity keys list`), got \"nope\"\n");
        ExitCodesTest.Run badScope = keys("create", "--name", "x", "--scopes", "query,root");
        assertThat(badScope.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badScope.err())
                .isEqualTo("error: unknown scope \"root\": use query, ingest, admin, impersonate or metrics\n");
        ExitCodesTest.Run badExpiry = keys("create", "--name", "x", "--scopes", "query", "--expires-in", "3 months");
        assertThat(badExpiry.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badExpiry.err()).contains("--expires-in must be a number of days, hours or minutes");
        ExitCodesTest.Run badSince = ExitCodesTest.run("audit", "--data", dir.toString(), "--since", "yesterday");
        assertThat(badSince.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(keys("list", "--json").out().lines()).hasSize(1);
    }

    private ExitCodesTest.Run keys(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "keys";
        all[1] = args[0];
        all[2] = "--data";
        all[3] = dir.toString();
        System.arraycopy(args, 1, all, 4, args.length - 1);
        return ExitCodesTest.run(all);
    }

    private VerityConfig config() {
        return VerityConfig.from(dir, Map.of());
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(node.propertyNames().spliterator(), false).toList();
    }
}
