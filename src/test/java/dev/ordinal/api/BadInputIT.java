package dev.ordinal.api;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The cases of issue 18, end to end: each answered with a Kubernetes Status, nothing stored that breaks later. */
class BadInputIT extends ApiIntegrationTest {

    /** Asserts a Kubernetes Status with this code and returns its message. */
    static String status(ApiClient.Response r, int code) {
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(r.str("kind")).isEqualTo("Status");
        assertThat(r.str("apiVersion")).isEqualTo("v1");
        assertThat(r.str("status")).isEqualTo("Failure");
        assertThat(r.json().path("code").asInt()).isEqualTo(code);
        return r.str("message");
    }

    @Test
    void wildcardContentTypeIsUnsupportedOnEveryWrite() {
        String ns = w.namespace("bad-ct");
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String pod = "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
        status(api.send("POST", pods, pod, "*/*", null), 415);
        assertThat(api.post(pods, pod).code()).isEqualTo(201);
        status(api.send("PUT", pods + "/p", pod, "*/*", null), 415);
        status(api.send("PATCH", pods + "/p", "{}", "*/*", null), 415);
        status(api.send("POST", pods, pod, "application/*", null), 415);
        // Found by the fuzzer: a form body with a stray '%' failed while the container parsed it as parameters.
        status(api.send("PUT", "/api/v1/nodes/n/status", "{\"metadata\":{\"name\":\"101%\"}}",
                "application/x-www-form-urlencoded", null), 415);
    }

    @Test
    void accessModesThatAreNotStringsAreDecodeErrors() {
        String ns = w.namespace("bad-am");
        String claim = """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"b"},
                 "spec":{"accessModes":[{}],"resources":{"requests":{"storage":"1Gi"}}}}""";
        assertThat(status(api.post("/api/v1/namespaces/" + ns + "/persistentvolumeclaims", claim), 400)).isEqualTo(
                "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: json: cannot "
                        + "unmarshal object into Go struct field PersistentVolumeClaimSpec.spec.accessModes of type "
                        + "v1.PersistentVolumeAccessMode");
        String volume = """
                {"metadata":{"name":"bad-am-pv"},"spec":{"accessModes":[1],"capacity":{"storage":"1Gi"},
                 "hostPath":{"path":"/x"}}}""";
        assertThat(status(api.post("/api/v1/persistentvolumes", volume), 400)).contains("cannot unmarshal number 1");
        String set = """
                {"metadata":{"name":"s"},"spec":{"selector":{"matchLabels":{"a":"b"}},"serviceName":"s",
                 "template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}},
                 "volumeClaimTemplates":[{"metadata":{"name":"d"},"spec":{"accessModes":[["ReadWriteOnce"]],
                  "resources":{"requests":{"storage":"1Gi"}}}}]}}""";
        assertThat(status(api.post("/apis/apps/v1/namespaces/" + ns + "/statefulsets", set), 400))
                .contains("cannot unmarshal array into Go struct field "
                        + "PersistentVolumeClaimSpec.spec.volumeClaimTemplates.spec.accessModes");
    }

    @Test
    void aControllerRevisionNumberBeyondInt64IsADecodeError() {
        String ns = w.namespace("bad-cr");
        String revision = "{\"metadata\":{\"name\":\"r\"},\"data\":{},\"revision\":1e308}";
        assertThat(status(api.post("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions", revision), 400))
                .contains("cannot unmarshal number").contains("ControllerRevision.revision of type int64");
        // Found by the long fuzz run: a finalizer that was an object was stored, and deleting the object then failed.
        status(api.post("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions",
                "{\"metadata\":{\"name\":\"f\",\"finalizers\":[{}]},\"data\":{},\"revision\":1}"), 400);
    }

    @Test
    void servicesWithASpecOfTheWrongShapeAreRefused() {
        String ns = w.namespace("bad-svc");
        String services = "/api/v1/namespaces/" + ns + "/services";
        assertThat(status(api.post(services, "{\"metadata\":{\"name\":\"a\"},\"spec\":\"x\"}"), 400))
                .endsWith("cannot unmarshal string into Go struct field Service.spec of type v1.ServiceSpec");
        assertThat(status(api.post(services, "{\"metadata\":{\"name\":\"b\"},\"spec\":\"\\u0000\"}"), 400))
                .startsWith("spec: ");
        assertThat(status(api.post(services, "{\"metadata\":{\"name\":\"c\"},\"spec\":{\"ports\":{\"port\":80}}}"), 400))
                .endsWith("cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort");
        assertThat(api.get(services).json().path("items").size()).isZero();
    }

    @Test
    void theHighestOrdinalMustFitInt32() {
        String ns = w.namespace("bad-ord");
        String sets = "/apis/apps/v1/namespaces/" + ns + "/statefulsets";
        String set = """
                {"metadata":{"name":"s"},"spec":{"replicas":%d,"ordinals":{"start":%d},"selector":{"matchLabels":{"a":"b"}},
                 "serviceName":"s","template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""";
        ApiClient.Response r = api.post(sets, set.formatted(2, Integer.MAX_VALUE));
        assertThat(status(r, 422)).isEqualTo("StatefulSet.apps \"s\" is invalid: spec.ordinals.start: Invalid value: "
                + "2147483647: must be no more than 2147483646 when spec.replicas is 2: the highest ordinal "
                + "(start + replicas - 1) must not exceed 2147483647");
        assertThat(api.post(sets + "?dryRun=All", set.formatted(1, Integer.MAX_VALUE)).code()).isEqualTo(201);
        assertThat(api.post(sets + "?dryRun=All", set.formatted(Integer.MAX_VALUE, 0)).code()).isEqualTo(201);
        status(api.post(sets + "?dryRun=All", set.formatted(Integer.MAX_VALUE, 2)), 422);
        assertThat(api.post(sets, set.formatted(1, 5)).code()).isEqualTo(201);
        status(api.patch(sets + "/s/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":2147483647}}"), 422);
        assertThat(w.get(sets + "/s").path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void nulCharactersAreRefusedNamingTheFieldAndDeletesStillWork() {
        String ns = w.namespace("bad-nul");
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String pod = """
                {"metadata":{"name":"p","annotations":{"note":"a\\u0000b"}},
                 "spec":{"containers":[{"name":"c","image":"i"}]}}""";
        assertThat(status(api.post(pods, pod), 400))
                .isEqualTo("metadata.annotations.note: Invalid value: strings may not contain the NUL character (\\u0000)");
        String key = "{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\\u0000\":\"b\"}},\"spec\":{\"containers\":[]}}";
        assertThat(status(api.post(pods, key), 400)).startsWith("metadata.labels.a\\u0000: ");
        String yaml = "metadata:\n  name: p\n  annotations: {note: \"a\\0b\"}\nspec: {containers: [{name: c, image: i}]}\n";
        assertThat(status(api.send("POST", pods, yaml, "application/yaml", null), 400))
                .startsWith("metadata.annotations.note: ");

        JsonNode rs = w.replicaSet(ns, "fg", 1);
        JsonNode orphanSet = w.replicaSet(ns, "or", 1);
        eventually().until(() -> w.podsOwnedBy(ns, Json.uid(rs)).size() == 1
                && w.podsOwnedBy(ns, Json.uid(orphanSet)).size() == 1);
        String rsPath = "/apis/apps/v1/namespaces/" + ns + "/replicasets/";
        status(api.patch(rsPath + "fg", "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"x\":\"\\u0000\"}}}"), 400);
        status(api.patch(rsPath + "fg", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"x\":\"\\u0000\"}}]"), 400);
        assertThat(w.get(rsPath + "fg").path("metadata").has("annotations")).isFalse();

        assertThat(api.delete(rsPath + "fg", "{\"propagationPolicy\":\"Foreground\"}").code()).isEqualTo(200);
        assertThat(api.delete(rsPath + "or", "{\"propagationPolicy\":\"Orphan\"}").code()).isEqualTo(200);
        eventually().until(() -> w.status(rsPath + "fg") == 404 && w.status(rsPath + "or") == 404);
        eventually().until(() -> w.podsOwnedBy(ns, Json.uid(rs)), List::isEmpty);
        List<JsonNode> left = w.pods(ns);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("metadata").has("ownerReferences")).isFalse();
    }

    @Test
    void bodiesOverTheLimitAndUnparsableRequestsAreStatusesToo() {
        String pods = "/api/v1/namespaces/default/pods";
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(status(api.sendBytes("POST", pods, big, "application/json", null), 413))
                .isEqualTo("Request entity too large: limit is 3145728");
        status(api.get("/api/v1/namespaces/default/pods/a%00b"), 400);
        assertThat(status(api.delete("/apis/apps/v1/namespaces/default/statefulsets/x",
                "{\"dryRun\":[{}]}"), 400)).isEqualTo(
                "json: cannot unmarshal object into Go struct field DeleteOptions.dryRun of type string");
    }

    @Test
    void aSpecThatAJsonPatchLeftOnAControllerRevisionDoesNotBreakItsDelete() {
        String path = "/apis/apps/v1/namespaces/default/controllerrevisions";
        api.post(path, "{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"cr-spec\"},"
                + "\"data\":{},\"revision\":1}");
        api.patch(path + "/cr-spec", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"finalizers\":[\"x\",{}]}}]");
        assertThat(api.delete(path + "/cr-spec").code()).isEqualTo(200);
        assertThat(api.get(path + "/cr-spec").code()).isEqualTo(404);
    }

    @Test
    void aWrongTypeIsReportedBeforeAnUnknownFieldAsTheDecoderFailsFirst() {
        String ns = w.namespace("bad-order");
        String pod = """
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i",
                 "resources":{"limts":{"cpu":"1"}},"ports":[{"containerPort":"80"}]}]}}""";
        assertThat(status(api.post("/api/v1/namespaces/" + ns + "/pods?fieldValidation=Strict", pod), 400)).isEqualTo(
                "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field "
                        + "ContainerPort.spec.containers.ports.containerPort of type int32");
        assertThat(status(api.post("/api/v1/namespaces/" + ns + "/pods?fieldValidation=Strict",
                pod.replace("\"80\"", "80")), 400))
                .isEqualTo("strict decoding error: unknown field \"spec.containers[0].resources.limts\"");
    }
}
