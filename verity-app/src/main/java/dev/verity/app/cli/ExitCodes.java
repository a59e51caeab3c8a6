package dev.verity.app.cli;

/**
 * The exit codes of every command: one table, printed at the end of {@code verity --help} ({@link VerityCommand}'s
 * footer) and in the README, so a script can tell "nothing there" (6) from "bad input" (2) and "could not run" (1).
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command could not run: a locked index, an unreachable database, an internal error. */
    public static final int FAILED = 1;
    /** A usage error: an unknown option, a bad value, a missing argument (picocli's code too). */
    public static final int USAGE = 2;
    /** Some files were rejected or quarantined ({@code ingest}, {@code sync}, {@code demo}, {@code inspect}). */
    public static final int REJECTED = 3;
    /** {@code eval}: a gated metric dropped below its baseline by more than the tolerance. */
    public static final int GATE_FAILED = 4;
    /** {@code check}: the catalogue and the index drifted apart. */
    public static final int DRIFT = 5;
    /** Something named does not exist: a file or folder, a document, a batch or job, a prompt, an API key. */
    public static final int NOT_FOUND = 6;

    private ExitCodes() {}
}
