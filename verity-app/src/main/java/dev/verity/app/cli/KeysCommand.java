package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.Durations;
import dev.verity.app.json.Json;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Principals;
import dev.verity.identity.Scope;
import dev.verity.identity.keys.ApiKey;
import dev.verity.identity.keys.ApiKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity keys}: the API keys callers send as {@code Authorization: Bearer <key>}. A server requires one on
 * every request as soon as an active key exists. Changes are written to the audit log with actor {@code local}.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = {
            "Create, list, revoke and rotate API keys (Authorization: Bearer <key>).",
            "A server requires a key on every request as soon as one is active."
        },
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.ListKeys.class,
            KeysCommand.Revoke.class,
            KeysCommand.Rotate.class
        })
final class KeysCommand implements Callable<Integer> {
    /** Who the audit log names for changes made here: the operator of the data folder. */
    static final String ACTOR = "local";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** {@code --json} of create and rotate: the only time the key is shown. */
    record IssuedView(
            String id,
            String key,
            String name,
            String tenant,
            List<String> principals,
            List<String> scopes,
            @JsonProperty("expires_at") String expiresAt) {
        static IssuedView of(ApiKeys.Issued issued) {
            ApiKey k = issued.key();
            return new IssuedView(
                    k.id(),
                    issued.secret(),
                    k.name(),
                    k.tenant(),
                    sorted(k.principals()),
                    codes(k.scopes()),
                    k.expiresAt().map(Instant::toString).orElse(null));
        }
    }

    /** {@code --json} of list and revoke: never the key or its hash. */
    record KeyView(
            String id,
            String name,
            String tenant,
            List<String> principals,
            List<String> scopes,
            String state,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("revoked_at") String revokedAt,
            @JsonProperty("last_used_at") String lastUsedAt) {
        static KeyView of(ApiKey k, Instant now) {
            return new KeyView(
                    k.id(),
                    k.name(),
                    k.tenant(),
                    sorted(k.principals()),
                    codes(k.scopes()),
                    k.state(now),
                    k.createdAt().toString(),
                    k.expiresAt().map(Instant::toString).orElse(null),
                    k.revokedAt().map(Instant::toString).orElse(null),
                    k.lastUsedAt().map(Instant::toString).orElse(null));
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create an API key and print it once: it is not stored and cannot be shown again.",
                "Exit code 2 for a bad name, scope, principal, tenant or duration."
            })
    static final class Create implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the key is for.")
        String name;

        @Option(
                names = "--principals",
                paramLabel = "P1,P2",
                defaultValue = "",
                description = "Who its caller is, for document ACLs (e.g. user:ana,group:hr). Default: none.")
        String principals;

        @Option(
                names = "--scopes",
                required = true,
                paramLabel = "S1,S2",
                description = "What it may do: query, ingest, admin, impersonate, metrics (read /actuator/prometheus).")
        String scopes;

        @Option(
                names = "--tenant",
                paramLabel = "TENANT",
                defaultValue = DocumentIds.DEFAULT_TENANT,
                description = "The tenant its requests are confined to. Default: ${DEFAULT-VALUE}.")
        String tenant;

        @Option(
                names = "--expires-in",
                paramLabel = "DURATION",
                description = "How long it works: 90d, 24h, 30m. Default: until revoked.")
        String expiresIn;

        @Option(
                names = "--json",
                description = "Print {id, key, name, tenant, principals, scopes, expires_at} as one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Set<Scope> parsedScopes = scopes(scopes);
            Set<String> parsedPrincipals = Principals.parse(principals);
            var expiry = Durations.parse(expiresIn, "--expires-in");
            try (Verity verity = Verity.forQueries(data.config())) {
                ApiKeys.Issued issued =
                        verity.keys().create(name, tenant, parsedPrincipals, parsedScopes, expiry, ACTOR);
                print(issued, "created", json, spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the API keys with their state and last use; never a key itself.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(names = "--json", description = "One JSON object per key.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                List<ApiKey> keys = verity.keys().list();
                if (json) {
                    keys.forEach(k -> out.println(Json.line(KeyView.of(k, now))));
                    return ExitCodes.OK;
                }
                if (keys.isEmpty()) {
                    out.println("no API keys: the server accepts requests without one on loopback only"
                            + " (create one with `verity keys create`)");
                    return ExitCodes.OK;
                }
                out.printf(
                        "%-12s  %-7s  %-12s  %-24s  %-20s  %-20s  %-20s  %s%n",
                        "id", "state", "tenant", "scopes", "expires", "last used", "principals", "name");
                for (ApiKey k : keys) {
                    out.printf(
                            "%-12s  %-7s  %-12s  %-24s  %-20s  %-20s  %-20s  %s%n",
                            k.id(),
                            k.state(now),
                            k.tenant(),
                            String.join(",", codes(k.scopes())),
                            k.expiresAt().map(KeysCommand::seconds).orElse("never"),
                            k.lastUsedAt().map(KeysCommand::seconds).orElse("never"),
                            k.principals().isEmpty() ? "-" : String.join(",", sorted(k.principals())),
                            k.name());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = {
                "Revoke an API key: it stops working at once (a running server notices within seconds).",
                "Exit code 6 when there is no such key."
            })
    static final class Revoke implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "ID", description = "As listed by `verity keys list`.")
        String id;

        @Option(names = "--json", description = "Print the revoked key as one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                ApiKey key = verity.keys().revoke(id, ACTOR).orElseThrow(() -> notFound(id));
                out.println(
                        json
                                ? Json.line(KeyView.of(key, Instant.now()))
                                : "revoked key " + key.id() + " (" + key.name() + ") at "
                                        + seconds(key.revokedAt().orElseThrow()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = {
                "Give an API key a new secret and print it once; the old one stops working at once.",
                "Exit code 6 when there is no such key, 2 when it is revoked or expired."
            })
    static final class Rotate implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "ID", description = "As listed by `verity keys list`.")
        String id;

        @Option(names = "--json", description = "Print the key as one JSON object, like `keys create --json`.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                ApiKeys.Issued issued = verity.keys().rotate(id, ACTOR).orElseThrow(() -> notFound(id));
                print(issued, "rotated", json, spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }

    private static void print(ApiKeys.Issued issued, String what, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.line(IssuedView.of(issued)));
            return;
        }
        ApiKey k = issued.key();
        out.println(what + " key " + k.id() + " (" + k.name() + "): tenant " + k.tenant() + ", scopes "
                + String.join(",", codes(k.scopes())) + ", principals "
                + (k.principals().isEmpty() ? "none" : String.join(",", sorted(k.principals()))) + ", expires "
                + k.expiresAt().map(KeysCommand::seconds).orElse("never"));
        out.println(issued.secret());
        out.println("This key is shown only now and will not be shown again: keep it in a secret store."
                + " Send it as `Authorization: Bearer <key>`.");
    }

    static Set<Scope> scopes(String commaSeparated) {
        if (commaSeparated.isBlank()) {
            throw new IllegalArgumentException(
                    "--scopes needs at least one of query, ingest, admin, impersonate, metrics");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(commaSeparated.split(",", -1)).map(Scope::of).forEach(scopes::add);
        return scopes;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no API key " + id + " (see `verity keys list`)");
    }

    private static List<String> codes(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::code).toList();
    }

    private static List<String> sorted(Set<String> principals) {
        return principals.stream().sorted().collect(Collectors.toList());
    }

    private static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
