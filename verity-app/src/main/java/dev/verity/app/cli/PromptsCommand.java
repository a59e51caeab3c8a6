package dev.verity.app.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.verity.app.json.Json;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.prompt.PromptRegistry;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The versioned prompts shipped in the jar: which exist, what they say, and what changed between versions. */
@Command(
        name = "prompts",
        mixinStandardHelpOptions = true,
        description = "List, show and compare the versioned prompts Verity sends to language models.",
        subcommands = {PromptsCommand.ListPrompts.class, PromptsCommand.Show.class, PromptsCommand.Diff.class})
final class PromptsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every prompt id and version, newest last.")
    static final class ListPrompts implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per prompt version.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** One line of {@code --json}. */
        record PromptLine(String id, int version, boolean newest, String hash, String description) {}

        @Override
        public Integer call() {
            PromptRegistry registry = new ClasspathPromptRegistry();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                for (Prompt p : registry.all()) {
                    boolean newest = registry.latest(p.id())
                            .map(l -> l.version() == p.version())
                            .orElse(false);
                    out.println(
                            Json.line(new PromptLine(p.id(), p.version(), newest, p.contentHash(), p.description())));
                }
                return ExitCodes.OK;
            }
            out.printf("%-20s %-8s %-14s %s%n", "ID", "VERSION", "HASH", "DESCRIPTION");
            for (Prompt p : registry.all()) {
                boolean newest = registry.latest(p.id())
                        .map(l -> l.version() == p.version())
                        .orElse(false);
                out.printf(
                        "%-20s %-8s %-14s %s%n",
                        p.id(),
                        p.version() + (newest ? "*" : ""),
                        p.contentHash().substring(0, 12),
                        p.description());
            }
            out.println("* the newest version: the default unless answers.prompt.version pins another");
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print a prompt: header, system message and user template.")
    static final class Show implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "ID[@VERSION]",
                description = "e.g. answer or answer@1 (default: newest).")
        String ref;

        @Option(names = "--json", description = "The prompt as one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** {@code --json}: the prompt with its header. */
        record PromptView(String id, int version, String hash, String description, String system, String user) {}

        @Override
        public Integer call() {
            Prompt p = resolve(spec, ref);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.line(
                        new PromptView(p.id(), p.version(), p.contentHash(), p.description(), p.system(), p.user())));
                return ExitCodes.OK;
            }
            out.println("id: " + p.id());
            out.println("version: " + p.version());
            out.println("hash: " + p.contentHash());
            out.println("description: " + p.description());
            out.println("--- system");
            out.println(p.system());
            out.println("--- user");
            out.println(p.user());
            return 0;
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "A unified diff between two versions of a prompt.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The prompt id, e.g. answer.")
        String id;

        @Parameters(index = "1", paramLabel = "FROM", description = "The older version.")
        int from;

        @Parameters(index = "2", paramLabel = "TO", description = "The newer version.")
        int to;

        @Option(names = "--json", description = "The diff as one JSON object: from, to and the unified diff's lines.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** {@code --json}: {@code diff} is empty when the versions do not differ. */
        record DiffView(String from, String to, List<String> diff) {}

        @Override
        public Integer call() {
            Prompt a = resolve(spec, id + "@" + from);
            Prompt b = resolve(spec, id + "@" + to);
            List<String> before = lines(a);
            List<String> after = lines(b);
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                    id + "@" + from, id + "@" + to, before, DiffUtils.diff(before, after), 2);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.line(new DiffView(id + "@" + from, id + "@" + to, diff)));
                return ExitCodes.OK;
            }
            if (diff.isEmpty()) {
                out.println("no difference between " + id + "@" + from + " and " + id + "@" + to);
            }
            diff.forEach(out::println);
            return 0;
        }

        private static List<String> lines(Prompt p) {
            String text = "description: " + p.description() + "\n--- system\n" + p.system() + "\n--- user\n" + p.user();
            return Arrays.asList(text.split("\n", -1));
        }
    }

    /** {@code id} or {@code id@version}; an unknown one names what exists (exit code 6). */
    static Prompt resolve(CommandSpec spec, String ref) {
        PromptRegistry registry = new ClasspathPromptRegistry();
        int at = ref.indexOf('@');
        String id = at < 0 ? ref : ref.substring(0, at);
        Optional<Prompt> found;
        if (at < 0) {
            found = registry.latest(id);
        } else {
            int version;
            try {
                version = Integer.parseInt(ref.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "the version in " + ref + " must be a whole number");
            }
            found = registry.get(id, version);
        }
        return found.orElseThrow(() -> new NotFoundException("no prompt " + ref + "; shipped: "
                + registry.all().stream().map(p -> p.id() + "@" + p.version()).toList()));
    }
}
