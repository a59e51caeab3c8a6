package dev.verity.app;

import dev.verity.app.cli.VerityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs `verity …` in process and captures what it prints. */
final class Cli {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Result(int exitCode, String out, String err) {
        List<JsonNode> jsonLines() {
            return out.lines()
                    .filter(l -> l.startsWith("{"))
                    .map(JSON::readTree)
                    .toList();
        }

        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    private Cli() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VerityCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
