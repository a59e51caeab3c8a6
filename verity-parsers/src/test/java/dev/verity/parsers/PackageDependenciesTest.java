package dev.verity.parsers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The package rules of {@code package-info.java}, checked on the compiled main classes. */
class PackageDependenciesTest {
    private static final String ROOT = "dev.verity.parsers";
    /** "" is the root package: the router, its settings and the language detector. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("format", Set.of()),
            Map.entry("archive", Set.of()),
            Map.entry("tika", Set.of("format")),
            Map.entry("office", Set.of("format")),
            Map.entry("web", Set.of("format")),
            Map.entry("text", Set.of("format")),
            Map.entry("media", Set.of("format")),
            Map.entry("ocr", Set.of("format")),
            Map.entry("pdf", Set.of("format", "ocr", "tika")),
            Map.entry("mail", Set.of("format", "text", "web")),
            Map.entry("", Set.of("format", "tika", "office", "web", "text", "media", "ocr", "pdf", "mail")),
            // the parser process also looks for the files embedded in a document (archive's EmbeddedFilesExtractor)
            Map.entry("isolation", Set.of("", "archive")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /**
     * One slice per package, the root package included: {@code slices().matching("dev.verity.parsers.(**)")} leaves
     * the root package's classes out of every slice, and so misses a cycle through the router.
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass type) {
                        String name = type.getPackageName();
                        if (name.equals(ROOT)) {
                            return SliceIdentifier.of("(root)");
                        }
                        return name.startsWith(ROOT + ".")
                                ? SliceIdentifier.of(
                                        name.substring(ROOT.length() + 1).split("\\.")[0])
                                : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the packages of verity-parsers";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    static List<String> packages() {
        return MAY_USE.keySet().stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void eachPackageUsesOnlyThePackagesItMay(String name) {
        List<String> forbidden = new ArrayList<>();
        for (String other : MAY_USE.keySet()) {
            if (!other.equals(name) && !MAY_USE.get(name).contains(other)) {
                forbidden.add(packageOf(other));
            }
        }
        noClasses()
                .that()
                .resideInAPackage(packageOf(name))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .check(classes);
    }

    @Test
    void everyPackageOfTheModuleHasItsRule() {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(
                c.getPackageName().equals(ROOT) ? "" : c.getPackageName().substring(ROOT.length() + 1)));

        assertThat(packages).isEqualTo(new TreeSet<>(MAY_USE.keySet()));
    }

    private static String packageOf(String name) {
        return name.isEmpty() ? ROOT : ROOT + "." + name;
    }
}
