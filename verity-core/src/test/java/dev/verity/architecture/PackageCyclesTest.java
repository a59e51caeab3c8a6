package dev.verity.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The core's packages depend on each other in one direction only (docs/adr/0012-code-layout.md): no package reaches
 * back into one that reaches it, neither package by package nor between top-level features.
 */
class PackageCyclesTest {
    /** Every package is a slice: {@code retrieval.fusion} may use {@code retrieval}, never the other way round too. */
    static final ArchRule NO_CYCLES_BETWEEN_PACKAGES =
            slices().matching("dev.verity.(**)").should().beFreeOfCycles();

    /** Every top-level feature with its sub-packages is a slice: {@code ingestion} and {@code index} never both ways. */
    static final ArchRule NO_CYCLES_BETWEEN_FEATURES =
            slices().matching("dev.verity.(*)..").should().beFreeOfCycles();

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.verity");

    @Test
    void noPackageDependsOnAPackageThatDependsOnIt() {
        assertThat(CORE.contain(dev.verity.query.QueryService.class))
                .as("the core's classes were imported")
                .isTrue();
        NO_CYCLES_BETWEEN_PACKAGES.check(CORE);
    }

    @Test
    void noFeatureDependsOnAFeatureThatDependsOnIt() {
        NO_CYCLES_BETWEEN_FEATURES.check(CORE);
    }

    @Test
    void aDeliberateCycleFailsTheCheck() {
        // fixture.left.Left uses fixture.right.Right, which uses Left back: the smallest cycle there is
        JavaClasses withCycle = new ClassFileImporter().importPackages("dev.verity.architecture.fixture");

        assertThatThrownBy(() -> slices().matching("dev.verity.architecture.fixture.(**)")
                        .should()
                        .beFreeOfCycles()
                        .check(withCycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "Cycle detected: Slice left -> \n                Slice right -> \n                Slice left");
    }
}
