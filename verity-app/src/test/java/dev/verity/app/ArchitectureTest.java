package dev.verity.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.verity.app.assembly.Components;
import dev.verity.catalog.BlobStore;
import dev.verity.catalog.DocumentStore;
import dev.verity.catalog.OriginalReferences;
import dev.verity.conversation.ConversationStore;
import dev.verity.embedding.EmbeddingCache;
import dev.verity.idempotency.IdempotencyStore;
import dev.verity.identity.keys.ApiKeyStore;
import dev.verity.index.Index;
import dev.verity.ingestion.sync.SyncState;
import dev.verity.query.AnswerCache;
import dev.verity.usage.UsageLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of docs/adr/0001, checked on the compiled classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.verity");
    }

    @Test
    void theCoreKnowsNoFrameworkEngineParserOrDatabase() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.verity.document..",
                        "dev.verity.ingestion..",
                        "dev.verity.index..",
                        "dev.verity.retrieval..",
                        "dev.verity.generation..",
                        "dev.verity.query..",
                        "dev.verity.guardrails..",
                        "dev.verity.idempotency..",
                        "dev.verity.usage..",
                        "dev.verity.embedding..",
                        "dev.verity.catalog..",
                        "dev.verity.observability..",
                        "dev.verity.drift..",
                        "dev.verity.evaluation..",
                        "dev.verity.conversation..",
                        "dev.verity.identity..",
                        "dev.verity.audit..",
                        "dev.verity.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.lucene..",
                        "org.apache.tika..",
                        "org.apache.pdfbox..",
                        "org.apache.poi..",
                        "ai.onnxruntime..",
                        "ai.djl..",
                        "picocli..",
                        "tools.jackson..",
                        "com.fasterxml..",
                        "java.sql..",
                        "javax.sql..",
                        "dev.verity.lucene..",
                        "dev.verity.onnx..",
                        "dev.verity.parsers..",
                        "dev.verity.jdbc..",
                        "dev.verity.llm..",
                        "org.springframework.ai..",
                        "reactor..",
                        "io.github.resilience4j..",
                        "dev.verity.app..")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOtherOrOnTheApplication() {
        String[] adapters = {
            "dev.verity.lucene..", "dev.verity.onnx..", "dev.verity.parsers..", "dev.verity.jdbc..", "dev.verity.llm.."
        };
        for (String adapter : adapters) {
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(java.util.Arrays.stream(adapters)
                            .filter(other -> !other.equals(adapter))
                            .toArray(String[]::new))
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.verity.app..")
                    .check(classes);
        }
    }

    @Test
    void theEvaluationHarnessUsesTheCoreSeamsOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.verity.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "picocli..",
                        "org.apache.lucene..",
                        "org.apache.tika..",
                        "ai.onnxruntime..",
                        "java.sql..",
                        "dev.verity.lucene..",
                        "dev.verity.onnx..",
                        "dev.verity.parsers..",
                        "dev.verity.jdbc..",
                        "dev.verity.llm..",
                        "dev.verity.app..")
                .check(classes);
    }

    /** The evaluation commands, moving to verity-eval: until then they may reach the parts. */
    private static final DescribedPredicate<JavaClass> EVALUATION_COMMANDS = DescribedPredicate.describe(
            "the evaluation commands",
            c -> c.getPackageName().equals("dev.verity.app.cli")
                    && c.getName()
                            .matches(".*\\.(EvalCommand|EvalCalibrateCommand|JudgeCalibration|LabelledSample)"
                                    + "(\\$.*)?"));

    /** A store, the index, or a JDBC or Lucene type: what the use-case services hide. */
    private static final DescribedPredicate<JavaClass> STORES_AND_ENGINES = DescribedPredicate.describe(
            "stores, the index, JDBC or Lucene types or the composition root's parts",
            c -> c.isAssignableTo(Index.class)
                    || c.isAssignableTo(DocumentStore.class)
                    || c.isAssignableTo(BlobStore.class)
                    || c.isAssignableTo(OriginalReferences.class)
                    || c.isAssignableTo(ConversationStore.class)
                    || c.isAssignableTo(SyncState.class)
                    || c.isAssignableTo(UsageLedger.class)
                    || c.isAssignableTo(IdempotencyStore.class)
                    || c.isAssignableTo(AnswerCache.class)
                    || c.isAssignableTo(EmbeddingCache.class)
                    || c.isAssignableTo(ApiKeyStore.class)
                    || c.isAssignableTo(Components.class)
                    || c.getPackageName().startsWith("dev.verity.jdbc")
                    || c.getPackageName().startsWith("dev.verity.lucene")
                    || c.getPackageName().startsWith("org.apache.lucene")
                    || c.getPackageName().startsWith("java.sql")
                    || c.getPackageName().startsWith("javax.sql"));

    @Test
    void commandsAndControllersUseServicesNeverStoresTheIndexOrEngines() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.verity.app.cli..", "dev.verity.app.server..")
                .and(DescribedPredicate.not(EVALUATION_COMMANDS))
                .should()
                .dependOnClassesThat(STORES_AND_ENGINES)
                .check(classes);
    }

    @Test
    void commandsOtherThanServeNeverLoadTheWebServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.verity.app.cli..")
                .and()
                .doNotHaveSimpleName("ServeCommand")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.verity.app.server..", "org.springframework..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.verity.app.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.verity.app.cli..")
                .check(classes);
    }
}
