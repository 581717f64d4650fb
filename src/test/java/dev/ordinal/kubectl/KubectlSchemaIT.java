package dev.ordinal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.ordinal.support.KubectlIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl with the complete built-in schemas: {@code explain} walks them from /openapi/v3 (also into the
 * parts kept as given), {@code apply --validate=strict} accepts manifests using fields Ordinal keeps as given, and the
 * server merges a client-side apply's strategic merge patch by the lists' merge keys. Skipped, with a message, where
 * no kubectl is installed.
 */
class KubectlSchemaIT extends KubectlIntegrationTest {
    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: web
            spec:
              replicas: 0
              serviceName: web
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  dnsPolicy: ClusterFirst
                  enableServiceLinks: false
                  securityContext: {runAsNonRoot: true, runAsUser: 1000}
                  tolerations:
                  - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
                  containers:
                  - name: web
                    image: nginx
                    env:
                    - {name: A, value: "1"}
                    ports:
                    - {containerPort: 80, name: http}
                    readinessProbe:
                      httpGet: {path: /, port: http}
                      periodSeconds: 5
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: 8080}
              - {name: named, port: 81, targetPort: http}
            """;

    @Test
    void explainShowsEveryPodSpecFieldAndThePartsKeptAsGiven() {
        assertThat(kubectl.ok("explain", "pods.spec").out()).contains("hostNetwork").contains("ephemeralContainers")
                .contains("topologySpreadConstraints").contains("schedulingGates").contains("resourceClaims");
        assertThat(kubectl.ok("explain", "pods.spec.containers.livenessProbe").out()).contains("livenessProbe")
                .contains("Kept as given");
        assertThat(kubectl.ok("explain", "statefulsets.spec.updateStrategy.rollingUpdate.maxUnavailable").out())
                .contains("maxUnavailable");
        assertThat(kubectl.ok("explain", "services.spec.ports.targetPort").out()).contains("targetPort");
    }

    @Test
    void applyAcceptsAManifestUsingTheFieldsOrdinalKeepsAsGiven() throws Exception {
        String ns = "schema-apply";
        kubectl.run("create", "namespace", ns);
        assertThat(kubectl.ok("apply", "-n", ns, "--validate=strict", "-f", file("svc.yaml", SERVICE)).out())
                .contains("service/web created");
        assertThat(kubectl.ok("get", "svc", "web", "-n", ns, "-o", "jsonpath={.spec.ports[*].targetPort}").out())
                .isEqualTo("8080 http");
        assertThat(kubectl.ok("apply", "-n", ns, "--validate=strict", "-f", file("sts.yaml", STATEFUL_SET)).out())
                .contains("statefulset.apps/web created");
        assertThat(kubectl.ok("get", "sts", "web", "-n", ns, "-o",
                "jsonpath={.spec.template.spec.containers[0].readinessProbe.httpGet.port}").out()).isEqualTo("http");
    }

    /**
     * Client-side apply sends only what changed in the manifest, as a strategic merge patch that the server merges by
     * {@code env}'s merge key (name), so a variable another writer added survives; with the list replaced it would be
     * lost. (kubectl computes the patch from its compiled-in types: Ordinal's patch operations do not offer
     * strategic-merge-patch+json in /openapi/v3, so kubectl does not take its schema path.)
     */
    @Test
    void applyMergesEnvByNameSoAVariableAddedByAnotherWriterSurvives() throws Exception {
        String ns = "schema-merge";
        kubectl.run("create", "namespace", ns);
        kubectl.ok("apply", "-n", ns, "-f", file("sts-1.yaml", STATEFUL_SET));
        kubectl.ok("set", "env", "statefulset/web", "-n", ns, "C=3");

        kubectl.ok("apply", "-n", ns, "-f", file("sts-2.yaml", STATEFUL_SET.replace("value: \"1\"", "value: \"2\"")));

        String env = kubectl.ok("get", "sts", "web", "-n", ns, "-o",
                "jsonpath={range .spec.template.spec.containers[0].env[*]}{.name}={.value} {end}").out().strip();
        assertThat(env).isEqualTo("A=2 C=3");
    }

    private String file(String name, String content) throws Exception {
        Path p = kubectl.home().resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }
}
