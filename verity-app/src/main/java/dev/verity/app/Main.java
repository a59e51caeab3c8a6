package dev.verity.app;

import dev.verity.app.cli.VerityCommand;

/** The executable's entry point: {@code verity <command> …}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (System.getProperty("logback.configurationFile") == null) {
            // commands print results, not logs: only warnings and errors reach stderr (serve too, until Spring Boot
            // configures its logging from logback-spring.xml: the checks before it starts stay quiet)
            System.setProperty("logback.configurationFile", "verity-cli-logback.xml");
        }
        if (!serving) {
            // Lucene and ONNX Runtime log through java.util.logging: keep their start-up notes off the terminal too
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            for (java.util.logging.Handler handler :
                    java.util.logging.Logger.getLogger("").getHandlers()) {
                handler.setLevel(java.util.logging.Level.WARNING);
            }
        }
        int exitCode = VerityCommand.commandLine().execute(args);
        if (!serving || exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
