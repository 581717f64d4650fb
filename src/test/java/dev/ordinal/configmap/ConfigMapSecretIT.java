package dev.ordinal.configmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** ConfigMaps and Secrets over HTTP: stringData merged into data, base64 and per-type validation, immutability. */
@IntegrationTest
class ConfigMapSecretIT {
    private static final String MERGE = "application/merge-patch+json";

    @LocalServerPort
    int port;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretsStringDataIsMergedIntoDataAndNeverReturned() {
        ApiClient api = new ApiClient(port);
        String ns = new Workloads(api).namespace("secrets");
        String secrets = "/api/v1/namespaces/" + ns + "/secrets";
        ApiClient.Response created = api.post(secrets, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},
                 "data":{"user":"%s","password":"%s"},"stringData":{"password":"s3cret"}}"""
                .formatted(b64("admin"), b64("old")));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.str("type")).isEqualTo("Opaque");
        assertThat(created.str("data", "password")).isEqualTo(b64("s3cret"));
        assertThat(created.str("data", "user")).isEqualTo(b64("admin"));
        assertThat(created.json().has("stringData")).isFalse();

        ApiClient.Response patched = api.patch(secrets + "/db", MERGE, "{\"stringData\":{\"host\":\"db-0\"}}");
        assertThat(patched.code()).as(patched.text()).isEqualTo(200);
        assertThat(patched.str("data", "host")).isEqualTo(b64("db-0"));
        assertThat(api.get(secrets + "/db").json().has("stringData")).isFalse();
    }

    @Test
    void badSecretsAreRefusedWithKubernetesMessages() {
        ApiClient api = new ApiClient(port);
        String ns = new Workloads(api).namespace("secrets-bad");
        String secrets = "/api/v1/namespaces/" + ns + "/secrets";
        ApiClient.Response notBase64 = api.post(secrets,
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"not base64!\"}}");
        assertThat(notBase64.code()).isEqualTo(400);
        assertThat(notBase64.str("message")).isEqualTo(
                "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3");

        ApiClient.Response tls = api.post(secrets, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"kubernetes.io/tls",
                 "stringData":{"tls.crt":"cert"}}""");
        assertThat(tls.code()).isEqualTo(422);
        assertThat(tls.str("message")).isEqualTo("Secret \"t\" is invalid: data[tls.key]: Required value");

        ApiClient.Response badKey = api.post(secrets,
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"k\"},\"stringData\":{\"a/b\":\"x\"}}");
        assertThat(badKey.code()).isEqualTo(422);
        assertThat(badKey.json().path("details").path("causes").path(0).path("field").asString()).isEqualTo("data[a/b]");

        api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"o\"},\"data\":{}}");
        ApiClient.Response retype = api.patch(secrets + "/o", MERGE, "{\"type\":\"kubernetes.io/basic-auth\","
                + "\"stringData\":{\"username\":\"u\"}}");
        assertThat(retype.code()).isEqualTo(422);
        assertThat(retype.str("message")).contains("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
    }

    @Test
    void anImmutableConfigMapKeepsItsDataButNotItsLabels() {
        ApiClient api = new ApiClient(port);
        String ns = new Workloads(api).namespace("configmaps");
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";
        ApiClient.Response created = api.post(cms, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app"},"immutable":true,
                 "data":{"mode":"fast"},"binaryData":{"blob":"%s"}}""".formatted(b64("\u0001\u0002")));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        ApiClient.Response changed = api.patch(cms + "/app", MERGE, "{\"data\":{\"mode\":\"slow\"}}");
        assertThat(changed.code()).isEqualTo(422);
        assertThat(changed.str("message")).isEqualTo(
                "ConfigMap \"app\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
        assertThat(api.patch(cms + "/app", MERGE, "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}").code())
                .isEqualTo(200);

        ApiClient.Response duplicate = api.post(cms, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},
                 "data":{"k":"v"},"binaryData":{"k":"%s"}}""".formatted(b64("v")));
        assertThat(duplicate.code()).isEqualTo(422);
        assertThat(duplicate.str("message")).contains("binaryData[k]: Invalid value: \"k\": duplicate of key present in data");
    }

    @Test
    void everyNamespaceGetsADefaultServiceAccountBackAfterItIsDeleted() {
        ApiClient api = new ApiClient(port);
        String ns = new Workloads(api).namespace("accounts");
        String account = "/api/v1/namespaces/" + ns + "/serviceaccounts/default";
        Workloads.eventually().until(() -> api.get(account).code(), c -> c == 200);
        String uid = api.get(account).str("metadata", "uid");
        assertThat(api.delete(account).code()).isEqualTo(200);
        Workloads.eventually().until(() -> api.get(account), r -> r.code() == 200
                && !uid.equals(r.str("metadata", "uid")));
    }
}
