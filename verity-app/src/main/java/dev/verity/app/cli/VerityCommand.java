package dev.verity.app.cli;

import dev.verity.index.IndexUnavailableException;
import dev.verity.jdbc.DatabaseUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code verity} command and its subcommands. */
@Command(
        name = "verity",
        mixinStandardHelpOptions = true,
        version = "verity 0.1.0",
        description = "Ingest documents and answer questions about them with verified citations, offline.",
        subcommands = {
            IngestCommand.class,
            JobsCommand.class,
            CheckCommand.class,
            SyncCommand.class,
            AskCommand.class,
            DocsCommand.class,
            DeleteCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            PromptsCommand.class,
            InspectCommand.class,
            UsageCommand.class,
            EvalCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VerityCommand implements Runnable {
    /** Exit code of {@code ingest} when some files were rejected. */
    public static final int EXIT_REJECTED = 3;
    /** Exit code of {@code eval} when a gated metric dropped below its baseline by more than the tolerance. */
    public static final int EXIT_GATE_FAILED = 4;
    /** Exit code when the command could not run (bad data folder, locked index, unreachable database…). */
    public static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured command line: errors become one readable line on stderr, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VerityCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(e));
            if (System.getenv("VERITY_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : EXIT_FAILED;
        });
        return cli;
    }

    private static String describe(Exception e) {
        if (e instanceof IndexUnavailableException
                || e instanceof DatabaseUnavailableException
                || e instanceof IllegalArgumentException
                || e instanceof java.nio.file.NoSuchFileException) {
            return e instanceof java.nio.file.NoSuchFileException nsf ? "no such file or folder: " + nsf.getFile()
                    : e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (set VERITY_DEBUG=1 for the stack trace)";
    }
}
