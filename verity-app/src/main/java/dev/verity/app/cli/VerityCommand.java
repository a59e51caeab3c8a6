package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code verity} command and its subcommands. */
@Command(
        name = "verity",
        mixinStandardHelpOptions = true,
        version = "verity 0.1.0",
        description = "Ingest documents and answer questions about them with verified citations, offline.",
        footerHeading = "%n",
        footer = {
            "Exit codes:",
            "  0  done",
            "  1  could not run (locked index, unreachable database, internal error)",
            "  2  usage error (unknown option, bad value, missing argument)",
            "  3  some files were rejected or quarantined",
            "  4  eval: a gated metric fell below its baseline",
            "  5  check: the catalogue and the index drifted apart",
            "  6  not found (file or folder, document, batch or job, prompt, API key)"
        },
        subcommands = {
            IngestCommand.class,
            JobsCommand.class,
            CheckCommand.class,
            SyncCommand.class,
            AskCommand.class,
            DocsCommand.class,
            CollectionsCommand.class,
            DeleteCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            PromptsCommand.class,
            InspectCommand.class,
            GuardCommand.class,
            UsageCommand.class,
            KeysCommand.class,
            AuditCommand.class,
            RunsCommand.class,
            AlertsCommand.class,
            EvalCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VerityCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The configured command line: errors become one readable line on stderr, never a stack trace, and exit with the
     * code of {@link ExitCodes}.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VerityCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(e));
            if (System.getenv("VERITY_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return exitCode(e);
        });
        return cli;
    }

    /** The code of {@link ExitCodes} a failure exits with. */
    static int exitCode(Exception e) {
        return switch (unwrap(e)) {
            case NotFoundException notFound -> ExitCodes.NOT_FOUND;
            case NoSuchFileException noFile -> ExitCodes.NOT_FOUND;
            case IllegalArgumentException invalid -> ExitCodes.USAGE;
            default -> ExitCodes.FAILED;
        };
    }

    /** One line: what went wrong and, where Verity knows it, what to do. */
    static String describe(Exception failure) {
        Throwable e = unwrap(failure);
        if (e instanceof NoSuchFileException nsf) {
            return "no such file or folder: " + nsf.getFile();
        }
        if (Verity.unavailable(e)
                || e instanceof IllegalArgumentException
                || e instanceof NotFoundException
                || e instanceof java.io.UncheckedIOException) {
            return oneLine(e.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                + " (set VERITY_DEBUG=1 for the stack trace)";
    }

    /**
     * The failure Verity raised, without the framework exceptions wrapped around it: Spring reports a factory method
     * that threw as three or four nested "Error creating bean…" exceptions whose messages repeat each other.
     */
    static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getClass().getName().startsWith("org.springframework.")) {
            current = current.getCause();
        }
        return current;
    }

    private static String oneLine(@org.jspecify.annotations.Nullable String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
