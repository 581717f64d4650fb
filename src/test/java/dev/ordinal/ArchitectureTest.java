package dev.ordinal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers point one way: {@code core} (objects as JSON, metadata, selectors, errors, the kind registry) uses
 * nothing else of Ordinal; {@code store} uses only {@code core}; {@code api} (HTTP) uses {@code core} and
 * {@code store}; the feature packages (one per kind or controller) sit on top and never form a cycle.
 *
 * <p>The rules fail when a forbidden import is added. Tried when the test was written: adding to
 * {@code store/ResourceStore.java}
 * <pre>    private static final Class&lt;?&gt; FORBIDDEN = dev.ordinal.api.ResourceApiController.class;</pre>
 * made {@link #theStoreUsesOnlyTheCore} fail (the store reaching up into the HTTP layer) and
 * {@link #featurePackagesFormNoCycle} fail with the cycle {@code store -> api -> store}.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"dev.ordinal.auth..", "dev.ordinal.configmap..", "dev.ordinal.controller..", "dev.ordinal.crd..",
            "dev.ordinal.disruption..", "dev.ordinal.endpoints..", "dev.ordinal.event..", "dev.ordinal.gc..",
            "dev.ordinal.lease..", "dev.ordinal.node..", "dev.ordinal.pod..", "dev.ordinal.quota..", "dev.ordinal.rbac..",
            "dev.ordinal.replicaset..", "dev.ordinal.service..", "dev.ordinal.serviceaccount..",
            "dev.ordinal.statefulset..", "dev.ordinal.storage.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ordinal");
    }

    @Test
    void theCoreUsesNothingElseOfOrdinal() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ordinal.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordinal.store..", "dev.ordinal.api..",
                        "dev.ordinal.reconcile..", "dev.ordinal.config..")
                .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES);
        rule.check(classes);
    }

    @Test
    void theStoreUsesOnlyTheCore() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ordinal.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordinal.api..", "dev.ordinal.reconcile..")
                .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES);
        rule.check(classes);
    }

    @Test
    void theHttpLayerDoesNotReachIntoFeatures() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ordinal.api..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES);
        rule.check(classes);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("dev.ordinal.(*)..").should().beFreeOfCycles().check(classes);
    }
}
