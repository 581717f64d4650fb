package dev.ordinal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.ordinal.support.KubectlIntegrationTest;
import dev.ordinal.support.Kubectl;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl with a CustomResourceDefinition: apply the CRD and a custom object, list them with the CRD's
 * printer columns, explain their schema, scale them through the scale subresource. Skipped where no kubectl is
 * installed.
 */
class KubectlCustomResourceIT extends KubectlIntegrationTest {
    private static final String CRD = "src/test/resources/crd/databases-crd.yaml";
    private static final String DATABASE = "src/test/resources/crd/database-orders.yaml";

    private Kubectl.Run ok(String... args) {
        return kubectl.ok(args);
    }

    @Test
    void aCrdAppliedWithKubectlServesItsKindToKubectl() {
        // Another suite may have made the same CRD: deleting it first also deletes its objects.
        ok("delete", "crd", "databases.example.com", "--ignore-not-found", "--wait=true");
        assertThat(ok("apply", "-f", CRD).out()).contains("customresourcedefinition.apiextensions.k8s.io/databases.example.com");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kubectl.run("wait", "--for=condition=Established",
                "crd/databases.example.com", "--timeout=5s").exit()).isZero());
        assertThat(ok("get", "crd").out()).containsPattern("NAME\\s+CREATED AT").contains("databases.example.com");
        kubectl.run("create", "namespace", "kubectl-crd");

        assertThat(ok("apply", "-n", "kubectl-crd", "-f", DATABASE).out()).contains("database.example.com/orders created");
        assertThat(ok("get", "databases", "-n", "kubectl-crd").out())
                .containsPattern("NAME\\s+REPLICAS\\s+READY\\s+AGE").containsPattern("orders\\s+2\\s+");
        assertThat(ok("get", "db", "-n", "kubectl-crd", "-o", "jsonpath={.items[0].spec.engine}").out()).isEqualTo("postgres");
        assertThat(ok("api-resources", "--api-group=example.com").out())
                .containsPattern("databases\\s+db\\s+example.com/v1\\s+true\\s+Database");

        String explained = ok("explain", "databases.spec").out();
        assertThat(explained).contains("KIND:       Database").contains("replicas").contains("How many pods run the database.");

        assertThat(ok("scale", "db", "orders", "-n", "kubectl-crd", "--replicas=4").out())
                .contains("database.example.com/orders scaled");
        assertThat(ok("get", "db", "orders", "-n", "kubectl-crd", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("4");

        Kubectl.Run invalid = kubectl.run("patch", "db", "orders", "-n", "kubectl-crd", "--type=merge", "-p",
                "{\"spec\":{\"replicas\":\"many\"}}");
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.err()).contains("spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
        Kubectl.Run strategic = kubectl.run("patch", "db", "orders", "-n", "kubectl-crd", "--type=strategic", "-p",
                "{\"spec\":{\"replicas\":1}}");
        assertThat(strategic.err()).contains("the body of the request was in an unknown format - accepted media types "
                + "include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
    }
}
