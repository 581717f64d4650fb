package dev.ordinal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ordinal.support.KubectlIntegrationTest;
import dev.ordinal.support.Kubectl;
import org.junit.jupiter.api.Test;

/**
 * Drives the real kubectl binary through the article, asserting on what kubectl prints. Skipped, with a message,
 * where no kubectl is installed.
 */
class KubectlIT extends KubectlIntegrationTest {
    private static final String RC_MANIFEST = "src/test/resources/manifests/seed-rc-shared-claim.yaml";
    private static final String STS_MANIFEST = "src/test/resources/manifests/seed-statefulset.yaml";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Kubectl.Run ok(String... args) {
        return kubectl.ok(args);
    }

    private void namespace(String ns) {
        kubectl.run("create", "namespace", ns);
    }

    /** The zero-set-up server (loopback, no token file) lets anyone do anything, and says so to kubectl. */
    @Test
    void authCanIAnswersYesOnTheZeroSetUpServer() {
        assertThat(ok("auth", "can-i", "delete", "pods").out().strip()).isEqualTo("yes");
        assertThat(ok("auth", "can-i", "--list").out()).contains("*.*");
        assertThat(ok("get", "clusterroles").out()).contains("cluster-admin").contains("view");
    }

    @Test
    void versionAndApiResourcesShowTheServedKinds() {
        assertThat(ok("version", "-o", "json").out()).contains("\"minor\": \"32\"");
        String resources = ok("api-resources").out();
        for (String row : List.of("statefulsets\\s+sts\\s+apps/v1\\s+true\\s+StatefulSet",
                "replicasets\\s+rs\\s+apps/v1\\s+true\\s+ReplicaSet",
                "replicationcontrollers\\s+rc\\s+v1\\s+true\\s+ReplicationController",
                "pods\\s+po\\s+v1\\s+true\\s+Pod",
                "persistentvolumeclaims\\s+pvc\\s+v1\\s+true\\s+PersistentVolumeClaim",
                "persistentvolumes\\s+pv\\s+v1\\s+false\\s+PersistentVolume",
                "storageclasses\\s+sc\\s+storage.k8s.io/v1\\s+false\\s+StorageClass",
                "events\\s+ev\\s+v1\\s+true\\s+Event",
                "nodes\\s+no\\s+v1\\s+false\\s+Node",
                "namespaces\\s+ns\\s+v1\\s+false\\s+Namespace",
                "configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap",
                "secrets\\s+v1\\s+true\\s+Secret",
                "serviceaccounts\\s+sa\\s+v1\\s+true\\s+ServiceAccount",
                "endpoints\\s+ep\\s+v1\\s+true\\s+Endpoints",
                "leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease",
                "endpointslices\\s+discovery.k8s.io/v1\\s+true\\s+EndpointSlice",
                "events\\s+ev\\s+events.k8s.io/v1\\s+true\\s+Event")) {
            assertThat(resources).containsPattern(row);
        }
    }

    @Test
    void theReplicationControllerStoryShowsTheMultiAttachErrorInDescribe() {
        String ns = "k-rc";
        namespace(ns);
        assertThat(ok("apply", "-n", ns, "-f", RC_MANIFEST).out())
                .contains("persistentvolumeclaim/helloweb-disk created")
                .contains("replicationcontroller/nginx created");
        await().atMost(WAIT).untilAsserted(() -> {
            String pods = ok("get", "pods", "-n", ns, "--no-headers").out();
            assertThat(count(pods, "Running")).isEqualTo(1);
            assertThat(count(pods, "ContainerCreating")).isEqualTo(2);
        });
        List<String> lines = Arrays.asList(ok("get", "pods", "-n", ns, "--no-headers").out().split("\n"));
        String running = lines.stream().filter(l -> l.contains("Running")).findFirst().orElseThrow().split("\\s+")[0];
        String waiting = lines.stream().filter(l -> l.contains("ContainerCreating")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(running).matches("nginx-[bcdfghjklmnpqrstvwxz2456789]{5}");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ok("describe", "pod", "-n", ns, waiting).out())
                .contains("FailedAttachVolume")
                .containsPattern("Multi-Attach error for volume \"pvc-[0-9a-f-]+\" Volume is already used by pod\\(s\\) " + running));
        String pvc = ok("get", "pvc", "-n", ns).out();
        assertThat(pvc).containsPattern("helloweb-disk\\s+Bound\\s+pvc-[0-9a-f-]+\\s+30Gi\\s+RWO\\s+standard");
    }

    @Test
    void theStatefulSetStoryStartsPodsInOrderAndKeepsVolumesThroughScaling() throws Exception {
        String ns = "k-sts";
        namespace(ns);
        Process watch = kubectl.start(Map.of(), "get", "pods", "-n", ns, "-w");
        try {
            assertThat(ok("apply", "-n", ns, "-f", STS_MANIFEST).out()).contains("statefulset.apps/nginx created");
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(count(ok("get", "pods", "-n", ns, "--no-headers").out(), "1/1\\s+Running")).isEqualTo(3));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(firstRunning(kubectl.output(watch), "nginx-2")).isGreaterThan(-1));
        } finally {
            watch.destroy();
        }
        String watched = kubectl.output(watch);
        assertThat(watched).startsWith("NAME");
        assertThat(firstRunning(watched, "nginx-0")).isLessThan(firstSeen(watched, "nginx-1"));
        assertThat(firstRunning(watched, "nginx-1")).isLessThan(firstSeen(watched, "nginx-2"));

        String claims = ok("get", "pvc", "-n", ns).out();
        Map<String, String> volumes = volumes(claims);
        assertThat(volumes).containsOnlyKeys("www-nginx-0", "www-nginx-1", "www-nginx-2");
        assertThat(volumes.values()).doesNotHaveDuplicates();
        assertThat(claims).containsPattern("www-nginx-0\\s+Bound\\s+pvc-[0-9a-f-]+\\s+1Gi\\s+RWO\\s+standard");

        assertThat(ok("scale", "sts", "nginx", "-n", ns, "--replicas=1").out()).contains("statefulset.apps/nginx scaled");
        await().atMost(WAIT).untilAsserted(() -> {
            String pods = ok("get", "pods", "-n", ns, "--no-headers").out();
            assertThat(pods).contains("nginx-0").doesNotContain("nginx-1").doesNotContain("nginx-2");
        });
        assertThat(volumes(ok("get", "pvc", "-n", ns).out())).isEqualTo(volumes);

        ok("scale", "sts", "nginx", "-n", ns, "--replicas=3");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count(ok("get", "pods", "-n", ns, "--no-headers").out(), "1/1\\s+Running")).isEqualTo(3));
        assertThat(volumes(ok("get", "pvc", "-n", ns).out())).isEqualTo(volumes);
        assertThat(ok("rollout", "status", "sts/nginx", "-n", ns, "--timeout=60s").out())
                .contains("partitioned roll out complete: 3 new pods have been updated...");
        assertThat(ok("get", "sts", "-n", ns).out()).containsPattern("nginx\\s+3/3\\s+");
        String describe = ok("describe", "sts", "nginx", "-n", ns).out();
        assertThat(describe).contains("SuccessfulCreate").contains("create Pod nginx-0 in StatefulSet nginx successful")
                .contains("create Claim www-nginx-0 Pod nginx-0 in StatefulSet nginx success");
    }

    @Test
    void everydayCommandsWork() throws Exception {
        String ns = "k-cmds";
        namespace(ns);
        ok("apply", "-n", ns, "-f", STS_MANIFEST);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count(ok("get", "pods", "-n", ns, "--no-headers").out(), "Running")).isEqualTo(3));
        // Like a real cluster, the live volumeClaimTemplates carry defaults the file lacks, so kubectl re-sends them.
        assertThat(ok("apply", "-n", ns, "-f", STS_MANIFEST).out()).containsPattern("statefulset.apps/nginx (unchanged|configured)");
        assertThat(ok("get", "pods", "-n", ns, "-o", "wide").out()).contains("IP").contains("NODE").containsPattern("node-[123]");
        assertThat(ok("get", "pods", "-n", ns, "-l", "app=nginx", "-o", "name").out())
                .contains("pod/nginx-0").contains("pod/nginx-1").contains("pod/nginx-2");
        assertThat(ok("get", "pods", "-n", ns, "--field-selector", "metadata.name=nginx-1", "--no-headers").out())
                .contains("nginx-1").doesNotContain("nginx-0");
        assertThat(ok("get", "pods", "-A").out()).contains("NAMESPACE").contains(ns);
        assertThat(ok("get", "sts", "nginx", "-n", ns, "-o", "yaml").out()).contains("kind: StatefulSet")
                .contains("podManagementPolicy: OrderedReady");
        assertThat(ok("get", "pvc", "www-nginx-0", "-n", ns, "-o", "json").out()).contains("\"phase\": \"Bound\"");
        assertThat(ok("get", "pv").out()).contains("RECLAIM POLICY").contains("Delete");
        assertThat(ok("get", "sc").out()).contains("standard (default)");
        assertThat(ok("get", "nodes").out()).containsPattern("node-1\\s+Ready");

        assertThat(ok("label", "pod", "nginx-0", "-n", ns, "tier=web").out()).contains("pod/nginx-0 labeled");
        assertThat(ok("get", "pods", "-n", ns, "-l", "tier=web", "-o", "name").out().trim()).isEqualTo("pod/nginx-0");
        assertThat(ok("annotate", "sts", "nginx", "-n", ns, "team=storage").out()).contains("statefulset.apps/nginx annotated");
        assertThat(ok("patch", "sts", "nginx", "-n", ns, "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"m\":\"1\"}}}").out())
                .contains("patched");
        assertThat(ok("patch", "sts", "nginx", "-n", ns, "--type", "json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"2\"}]").out()).contains("patched");
        assertThat(ok("patch", "sts", "nginx", "-n", ns, "-p", "{\"metadata\":{\"labels\":{\"s\":\"3\"}}}").out())
                .contains("patched");
        assertThat(ok("get", "sts", "nginx", "-n", ns, "--show-labels").out()).contains("j=2").contains("m=1").contains("s=3");

        Path changed = kubectl.home().resolve("sts-changed.yaml");
        Files.writeString(changed, Files.readString(Path.of(STS_MANIFEST)).replace("replicas: 3", "replicas: 4"));
        Kubectl.Run diff = kubectl.run("diff", "-n", ns, "-f", changed.toString());
        assertThat(diff.exit()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("-  replicas: 3").contains("+  replicas: 4");
        assertThat(ok("get", "sts", "nginx", "-n", ns, "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("3");
        assertThat(ok("apply", "-n", ns, "-f", changed.toString(), "--dry-run=server").out()).contains("(server dry run)");
        assertThat(ok("get", "sts", "nginx", "-n", ns, "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("3");

        Path editor = kubectl.home().resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/team: storage/team: edited/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        assertThat(kubectl.run(Map.of("EDITOR", editor.toString(), "KUBE_EDITOR", editor.toString()),
                "edit", "sts", "nginx", "-n", ns).out()).contains("statefulset.apps/nginx edited");
        assertThat(ok("get", "sts", "nginx", "-n", ns, "-o", "jsonpath={.metadata.annotations.team}").out()).isEqualTo("edited");

        assertThat(ok("logs", "nginx-0", "-n", ns).out()).contains("simulated container nginx")
                .contains("volume www mounted from claim www-nginx-0");
        assertThat(ok("get", "events", "-n", ns).out()).contains("SuccessfulCreate");
        assertThat(ok("describe", "pvc", "www-nginx-0", "-n", ns).out()).contains("Bound");
        assertThat(ok("delete", "sts", "nginx", "-n", ns, "--cascade=orphan").out()).contains("statefulset.apps \"nginx\" deleted");
        assertThat(ok("get", "pods", "-n", ns, "--no-headers").out()).contains("nginx-0");
        ok("delete", "pods", "--all", "-n", ns);
        assertThat(ok("get", "pvc", "-n", ns, "--no-headers").out()).contains("www-nginx-0");
    }

    /** The number of lines containing a match of the regular expression. */
    @Test
    void rollingUpdatesRollbackAndHistoryWorkThroughKubectl() throws Exception {
        String ns = "k-rollout";
        namespace(ns);
        ok("apply", "-n", ns, "-f", STS_MANIFEST);
        assertThat(ok("rollout", "status", "sts/nginx", "-n", ns, "--timeout=60s").out())
                .contains("partitioned roll out complete: 3 new pods have been updated...");
        Process watch = kubectl.start(Map.of(), "get", "pods", "-n", ns, "-w");
        try {
            // The watch starts after kubectl has printed its list: only then can no deletion slip past it.
            await().atMost(WAIT).until(() -> kubectl.output(watch).contains("nginx-2"));
            assertThat(ok("set", "image", "sts/nginx", "nginx=nginx:1.27", "-n", ns).out())
                    .contains("statefulset.apps/nginx image updated");
            assertThat(ok("rollout", "status", "sts/nginx", "-n", ns, "--timeout=60s").out())
                    .contains("partitioned roll out complete: 3 new pods have been updated...");
        } finally {
            watch.destroy();
        }
        String watched = kubectl.output(watch);
        assertThat(firstTerminating(watched, "nginx-2")).isLessThan(firstTerminating(watched, "nginx-1"));
        assertThat(firstTerminating(watched, "nginx-1")).isLessThan(firstTerminating(watched, "nginx-0"));
        assertThat(ok("get", "pods", "-n", ns, "-o", "jsonpath={.items[*].spec.containers[0].image}").out())
                .isEqualTo("nginx:1.27 nginx:1.27 nginx:1.27");
        assertThat(ok("rollout", "history", "sts/nginx", "-n", ns).out()).containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
        assertThat(ok("get", "controllerrevisions", "-n", ns).out()).contains("statefulset.apps/nginx");
        assertThat(ok("rollout", "undo", "sts/nginx", "-n", ns).out()).contains("statefulset.apps/nginx rolled back");
        ok("rollout", "status", "sts/nginx", "-n", ns, "--timeout=60s");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ok("get", "pods", "-n", ns, "-o", "jsonpath={.items[*].spec.containers[0].image}").out())
                        .isEqualTo("k8s.gcr.io/nginx-slim:0.8 k8s.gcr.io/nginx-slim:0.8 k8s.gcr.io/nginx-slim:0.8"));
        assertThat(ok("rollout", "history", "sts/nginx", "-n", ns).out()).containsPattern("(?m)^3\\s");
    }

    @Test
    void configMapsSecretsLeasesAndTheHeadlessServicesEndpointsWork() throws Exception {
        String ns = "kubectl-clients";
        namespace(ns);
        assertThat(ok("-n", ns, "create", "configmap", "app", "--from-literal=mode=fast", "--from-literal=level=3")
                .out()).contains("configmap/app created");
        assertThat(ok("-n", ns, "create", "secret", "generic", "db", "--from-literal=password=s3cret").out())
                .contains("secret/db created");
        assertThat(ok("-n", ns, "get", "secret", "db", "-o", "jsonpath={.data.password}").out())
                .isEqualTo("czNjcmV0");
        ok("-n", ns, "apply", "-f", "src/test/resources/manifests/nginx-headless-service.yaml");
        ok("-n", ns, "apply", "-f", STS_MANIFEST);
        Path lease = Files.createTempFile("lease", ".yaml");
        Files.writeString(lease, """
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata:
                  name: operator
                spec:
                  holderIdentity: pod-a
                  leaseDurationSeconds: 15
                """);
        ok("-n", ns, "apply", "-f", lease.toString());
        await().atMost(WAIT).until(() -> kubectl.run("-n", ns, "get", "endpointslices", "-o",
                "jsonpath={.items[0].endpoints[*].hostname}").out().equals("nginx-0 nginx-1 nginx-2"));
        String got = ok("-n", ns, "get", "cm,secret,lease,endpointslices,sa").out();
        assertThat(got).containsPattern("configmap/app\\s+2\\s+")
                .containsPattern("secret/db\\s+Opaque\\s+1\\s+")
                .containsPattern("endpointslice.discovery.k8s.io/nginx-\\w{5}\\s+IPv4\\s+80\\s+10\\.")
                .containsPattern("serviceaccount/default\\s+0\\s+")
                .containsPattern("lease.coordination.k8s.io/operator\\s+pod-a\\s+");
        String describe = ok("-n", ns, "describe", "svc", "nginx").out();
        assertThat(describe).containsPattern("Endpoints:\\s+10\\.[0-9.]+:80,10\\.[0-9.]+:80,10\\.[0-9.]+:80")
                .containsPattern("Type:\\s+ClusterIP").containsPattern("Port:\\s+web\\s+80/TCP");
    }

    private static int firstTerminating(String watched, String pod) {
        String[] lines = watched.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(pod + " ") && lines[i].contains("Terminating")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int count(String text, String regex) {
        Pattern p = Pattern.compile(regex);
        int n = 0;
        for (String line : text.split("\n")) {
            if (p.matcher(line).find()) {
                n++;
            }
        }
        return n;
    }

    private static int firstSeen(String watched, String pod) {
        String[] lines = watched.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(pod + " ")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int firstRunning(String watched, String pod) {
        String[] lines = watched.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(pod + " ") && lines[i].contains("Running") && lines[i].contains("1/1")) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> volumes(String getPvc) {
        Map<String, String> m = new java.util.TreeMap<>();
        Matcher matcher = Pattern.compile("(?m)^(www-nginx-\\d)\\s+Bound\\s+(pvc-[0-9a-f-]+)").matcher(getPvc);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2));
        }
        return m;
    }
}
