package dev.ordinal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import dev.ordinal.support.Kubectl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real kubectl cordons and drains a node running a StatefulSet's pod under a {@code maxUnavailable: 1} budget,
 * lists the budget and describes the node. Skipped where no kubectl is installed.
 */
@IntegrationTest
class NodeDrainKubectlIT {
    @LocalServerPort
    int port;

    @Test
    void cordonDrainGetPdbAndDescribeNode() {
        Assumptions.assumeTrue(Kubectl.binary() != null, "kubectl is not installed on this machine");
        Kubectl kubectl = new Kubectl(port);
        ApiClient api = new ApiClient(port);
        String id = "dr" + UUID.randomUUID().toString().substring(0, 6);
        String ns = id;
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        for (int i = 1; i <= 2; i++) {
            api.post("/api/v1/nodes", """
                    {"apiVersion":"v1","kind":"Node","metadata":{"name":"%1$s-node-%2$d","labels":{"nodetest":"%1$s"}},
                     "spec":{"taints":[{"key":"ordinal.dev/test","value":"%1$s","effect":"NoSchedule"}]}}"""
                    .formatted(id, i));
        }
        try {
            api.post("/apis/apps/v1/namespaces/" + ns + "/statefulsets", """
                    {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"nginx"},
                     "spec":{"replicas":2,"serviceName":"nginx","selector":{"matchLabels":{"app":"nginx"}},
                      "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"nodeSelector":{"nodetest":"%1$s"},
                        "tolerations":[{"key":"ordinal.dev/test","operator":"Equal","value":"%1$s","effect":"NoSchedule"}],
                        "containers":[{"name":"nginx","image":"nginx","volumeMounts":[{"name":"www","mountPath":"/www"}]}]}},
                      "volumeClaimTemplates":[{"metadata":{"name":"www"},"spec":{"accessModes":["ReadWriteOnce"],
                       "resources":{"requests":{"storage":"1Gi"}}}}]}}""".formatted(id));
            api.post("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets", """
                    {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"nginx"},
                     "spec":{"maxUnavailable":1,"selector":{"matchLabels":{"app":"nginx"}}}}""");
            await().atMost(Duration.ofSeconds(60)).until(() -> Json.integer(api.get("/apis/policy/v1/namespaces/" + ns
                    + "/poddisruptionbudgets/nginx").json(), 0, "status", "disruptionsAllowed") == 1);
            String node = Json.str(api.get("/api/v1/namespaces/" + ns + "/pods/nginx-1").json(), "spec", "nodeName");

            Kubectl.Run pdb = kubectl.run("get", "pdb", "-n", ns);
            assertThat(pdb.out()).as(pdb.all()).containsPattern("NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS\\s+AGE")
                    .containsPattern("nginx\\s+N/A\\s+1\\s+1\\s+");

            Kubectl.Run cordon = kubectl.run("cordon", node);
            assertThat(cordon.all()).contains("node/" + node + " cordoned");
            Kubectl.Run uncordon = kubectl.run("uncordon", node);
            assertThat(uncordon.all()).contains("node/" + node + " uncordoned");

            Kubectl.Run drain = kubectl.run("drain", node, "--ignore-daemonsets", "--delete-emptydir-data",
                    "--timeout=60s");
            assertThat(drain.exit()).as(drain.all()).isZero();
            assertThat(drain.all()).contains("node/" + node + " cordoned").contains("evicting pod " + ns + "/nginx-")
                    .contains("node/" + node + " drained");
            await().atMost(Duration.ofSeconds(60)).until(() -> Json.integer(api.get("/apis/apps/v1/namespaces/" + ns
                    + "/statefulsets/nginx").json(), 0, "status", "readyReplicas") == 2);

            Kubectl.Run describe = kubectl.run("describe", "node", node);
            assertThat(describe.out()).as(describe.all()).contains("Taints:").contains("node.kubernetes.io/unschedulable:NoSchedule")
                    .contains("Unschedulable:      true").contains("Conditions:").contains("KubeletReady");
        } finally {
            api.delete("/api/v1/namespaces/" + ns);
            for (int i = 1; i <= 2; i++) {
                api.delete("/api/v1/nodes/" + id + "-node-" + i);
            }
        }
    }
}
