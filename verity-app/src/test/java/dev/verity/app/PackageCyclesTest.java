package dev.verity.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * verity-app's packages depend on each other in one direction only: {@code cli} and {@code server} on the composition
 * root ({@code assembly}), which builds on {@code config} and {@code sync}; {@code json} is shared by CLI and HTTP.
 */
class PackageCyclesTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.verity.app");

    @Test
    void noPackageOfTheApplicationDependsOnAPackageThatDependsOnIt() {
        assertThat(APP.contain(dev.verity.app.assembly.Verity.class))
                .as("the application's classes were imported")
                .isTrue();
        // "dev.verity.(**)" makes every package a slice, the root package (Main) included
        slices().matching("dev.verity.(**)").should().beFreeOfCycles().check(APP);
    }
}
