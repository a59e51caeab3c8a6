package dev.verity.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's three reports into a folder. */
public final class ReportWriter {
    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";
    public static final String MARKDOWN_FILE = "report.md";

    private ReportWriter() {}

    /** Writes {@code report.json}, {@code report.html} and {@code report.md} into {@code folder}, creating it. */
    public static void write(Report report, Path folder) {
        try {
            Files.createDirectories(folder);
            Reports.write(report, folder.resolve(JSON_FILE));
            Files.writeString(folder.resolve(HTML_FILE), HtmlReport.render(report));
            Files.writeString(folder.resolve(MARKDOWN_FILE), MarkdownReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + folder, e);
        }
    }

    /** The Markdown summary alone, for printing. */
    public static String markdown(Report report) {
        return MarkdownReport.render(report);
    }
}
