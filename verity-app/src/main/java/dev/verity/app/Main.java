package dev.verity.app;

import dev.verity.app.cli.VerityCommand;

/** The executable's entry point: {@code verity <command> …}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving && System.getProperty("logback.configurationFile") == null) {
            // commands print results, not logs: only warnings and errors reach stderr
            System.setProperty("logback.configurationFile", "verity-cli-logback.xml");
        }
        int exitCode = VerityCommand.commandLine().execute(args);
        if (!serving || exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
