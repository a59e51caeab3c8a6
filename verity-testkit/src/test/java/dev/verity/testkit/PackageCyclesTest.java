package dev.verity.testkit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** verity-testkit's packages depend on each other in one direction only (docs/adr/0012-code-layout.md). */
class PackageCyclesTest {
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.verity.testkit");

    @Test
    void noPackageDependsOnAPackageThatDependsOnIt() {
        assertThat(MODULE.contain(dev.verity.testkit.contracts.IndexContract.class))
                .as("the module's classes were imported")
                .isTrue();
        // "dev.verity.(**)" makes every package a slice, the module's root package included
        slices().matching("dev.verity.(**)").should().beFreeOfCycles().check(MODULE);
    }
}
