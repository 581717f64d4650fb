package dev.ordinal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import dev.ordinal.support.Kubectl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Ordinal with a token file and TLS (a Spring Boot SSL bundle; kubectl sends tokens over TLS only), end to end: RBAC
 * decides (401 without a credential, 403 with Kubernetes' message), kubectl's can-i works, controllers keep working,
 * and writes are audited. This is the one test context with authentication on; every other end-to-end test runs the
 * zero-set-up server.
 */
@IntegrationTest
// Closed after this class: its controllers and database would otherwise run beside the shared context to the end.
@DirtiesContext
class SecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN = "admin-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789";
    private static final String EDITOR = "editor-token-0123456789";
    private static final String STORE_PASSWORD = "changeit";
    private static Path dir;
    private static javax.net.ssl.SSLContext tls;

    @LocalServerPort
    int port;

    ApiClient admin;
    ApiClient viewer;
    ApiClient editor;
    ApiClient nobody;

    @DynamicPropertySource
    static void tokenFile(DynamicPropertyRegistry registry) throws IOException {
        dir = Files.createTempDirectory("ordinal-security");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, ADMIN + ",admin,uid-admin,system:masters\n"
                + VIEWER + ",viewer,uid-viewer\n"
                + EDITOR + ",editor,uid-editor,\"team,developers\"\n");
        registry.add("ordinal.auth.token-file", tokens::toString);
        registry.add("ordinal.audit.log-path", () -> dir.resolve("audit.log").toString());
        Path keystore = serverCertificate(dir);
        registry.add("spring.ssl.bundle.jks.ordinal.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.ordinal.keystore.password", () -> STORE_PASSWORD);
        registry.add("spring.ssl.bundle.jks.ordinal.keystore.type", () -> "PKCS12");
        registry.add("server.ssl.bundle", () -> "ordinal");
    }

    /** A self-signed certificate for localhost and 127.0.0.1 (keytool, from the JDK), and its PEM for kubectl. */
    private static Path serverCertificate(Path dir) throws IOException {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "ordinal", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "ordinal", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", dir.resolve("ca.pem").toString());
        try (InputStream in = Files.newInputStream(keystore)) {
            java.security.KeyStore server = java.security.KeyStore.getInstance("PKCS12");
            server.load(in, STORE_PASSWORD.toCharArray());
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ordinal", server.getCertificate("ordinal"));
            var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        return keystore;
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @BeforeEach
    void clients() {
        admin = client(ADMIN);
        viewer = client(VIEWER);
        editor = client(EDITOR);
        nobody = client(null);
    }

    private ApiClient client(String token) {
        return new ApiClient("https://127.0.0.1:" + port, token,
                java.net.http.HttpClient.newBuilder().sslContext(tls).build());
    }

    private Kubectl kubectl(String token) {
        return new Kubectl("https://127.0.0.1:" + port, dir.resolve("ca.pem"), token);
    }

    @Test
    void noTokenOrAWrongOneIsA401Status() {
        ApiClient.Response r = nobody.get("/api/v1/namespaces/default/pods");
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.str("kind")).isEqualTo("Status");
        assertThat(r.str("reason")).isEqualTo("Unauthorized");
        assertThat(r.str("message")).isEqualTo("Unauthorized");
        assertThat(client("wrong").get("/api").code()).isEqualTo(401);
        assertThat(admin.get("/api/v1/namespaces/default/pods").code()).isEqualTo(200);
    }

    @Test
    void aViewUserCanListButNotDeleteWithKubernetesMessage() {
        namespace("sec-view");
        bind("sec-view", "viewers", "view", "viewer");
        assertThat(admin.post("/api/v1/namespaces/sec-view/services", service("db")).code()).isEqualTo(201);
        await().atMost(WAIT).until(() -> viewer.get("/api/v1/namespaces/sec-view/services").code() == 200);
        ApiClient.Response delete = viewer.delete("/api/v1/namespaces/sec-view/services/db");
        assertThat(delete.code()).isEqualTo(403);
        assertThat(delete.str("reason")).isEqualTo("Forbidden");
        assertThat(delete.str("message")).isEqualTo("services \"db\" is forbidden: User \"viewer\" cannot delete "
                + "resource \"services\" in API group \"\" in the namespace \"sec-view\"");
        assertThat(delete.str("details", "kind")).isEqualTo("services");
        ApiClient.Response all = viewer.delete("/api/v1/namespaces/sec-view/pods");
        assertThat(all.str("message")).isEqualTo("pods is forbidden: User \"viewer\" cannot deletecollection "
                + "resource \"pods\" in API group \"\" in the namespace \"sec-view\"");
        assertThat(admin.get("/api/v1/namespaces/sec-view/services/db").code()).isEqualTo(200);
    }

    @Test
    void aRoleBindingGrantsEditInOneNamespaceOnly() {
        namespace("sec-a");
        namespace("sec-b");
        bind("sec-a", "editors", "edit", "editor");
        await().atMost(WAIT).until(() -> editor.post("/api/v1/namespaces/sec-a/services", service("web")).code() == 201);
        ApiClient.Response elsewhere = editor.post("/api/v1/namespaces/sec-b/services", service("web"));
        assertThat(elsewhere.code()).isEqualTo(403);
        assertThat(elsewhere.str("message")).isEqualTo("services is forbidden: User \"editor\" cannot create "
                + "resource \"services\" in API group \"\" in the namespace \"sec-b\"");
        assertThat(editor.get("/api/v1/nodes").code()).isEqualTo(403);
        assertThat(editor.post("/apis/rbac.authorization.k8s.io/v1/namespaces/sec-a/rolebindings",
                binding("sec-a", "escalate", "cluster-admin", "editor")).code()).isEqualTo(403);
    }

    @Test
    void aNamespaceAdminCannotGrantWhatTheyDoNotHold() {
        namespace("sec-esc");
        bind("sec-esc", "editor-admin", "admin", "editor");
        String bindings = "/apis/rbac.authorization.k8s.io/v1/namespaces/sec-esc/rolebindings";
        await().atMost(WAIT).until(() -> editor.post(bindings, binding("sec-esc", "viewers", "view", "viewer"))
                .code() == 201);
        ApiClient.Response escalated = editor.post(bindings, binding("sec-esc", "root", "cluster-admin", "editor"));
        assertThat(escalated.code()).isEqualTo(403);
        assertThat(escalated.str("message")).startsWith("rolebindings.rbac.authorization.k8s.io \"root\" is forbidden: "
                + "user \"editor\"").contains("is attempting to grant RBAC permissions not currently held:");
    }

    @Test
    void kubectlAuthCanIAnswersForTheTokensUser() {
        Assumptions.assumeTrue(Kubectl.binary() != null, "kubectl is not installed on this machine");
        namespace("sec-kubectl");
        bind("sec-kubectl", "viewers", "view", "viewer");
        Kubectl asViewer = kubectl(VIEWER);
        Kubectl asAdmin = kubectl(ADMIN);
        await().atMost(WAIT).until(() -> asViewer.run("auth", "can-i", "list", "pods", "-n", "sec-kubectl").exit() == 0);
        Kubectl.Run no = asViewer.run("auth", "can-i", "delete", "pods", "-n", "sec-kubectl");
        assertThat(no.exit()).as(no.all()).isEqualTo(1);
        assertThat(no.out().strip()).isEqualTo("no");
        Kubectl.Run yes = asAdmin.run("auth", "can-i", "delete", "pods", "-n", "sec-kubectl");
        assertThat(yes.exit()).as(yes.all()).isZero();
        assertThat(yes.out().strip()).isEqualTo("yes");
        Kubectl.Run list = asViewer.run("auth", "can-i", "--list", "-n", "sec-kubectl");
        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.out()).contains("Resources").contains("pods").contains("[get list watch]")
                .contains("selfsubjectaccessreviews.authorization.k8s.io");
        Kubectl.Run forbidden = asViewer.run("delete", "pod", "nothing", "-n", "sec-kubectl");
        assertThat(forbidden.err()).contains("pods \"nothing\" is forbidden: User \"viewer\" cannot delete resource "
                + "\"pods\" in API group \"\" in the namespace \"sec-kubectl\"");
        Kubectl.Run wrong = kubectl("wrong-token").run("get", "pods");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("You must be logged in to the server");
    }

    @Test
    void controllersStillWorkWithRbacOn() {
        namespace("sec-sts");
        String sts = """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
                 "spec":{"replicas":2,"serviceName":"web","selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
                   "resources":{"requests":{"storage":"1Gi"}}}}]}}""";
        assertThat(admin.post("/apis/apps/v1/namespaces/sec-sts/statefulsets", sts).code()).isEqualTo(201);
        await().atMost(WAIT).until(() -> admin.get("/apis/apps/v1/namespaces/sec-sts/statefulsets/web")
                .json().path("status").path("readyReplicas").asInt() == 2);
        assertThat(admin.get("/api/v1/namespaces/sec-sts/persistentvolumeclaims").json().path("items")).hasSize(2);
    }

    @Test
    void impersonationNeedsTheImpersonateVerb() {
        namespace("sec-imp");
        bind("sec-imp", "viewers", "view", "viewer");
        ApiClient.Response refused = viewer.send("GET", "/api/v1/nodes", null, null, null);
        assertThat(refused.code()).isEqualTo(403);
        await().atMost(WAIT).until(() -> viewer.get("/api/v1/namespaces/sec-imp/pods").code() == 200);
        var http = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        int asAdmin = send(http, "GET", "/api/v1/nodes", VIEWER, "admin");
        assertThat(asAdmin).isEqualTo(403);
        assertThat(send(http, "DELETE", "/api/v1/namespaces/sec-imp/pods/x", ADMIN, "viewer")).isEqualTo(403);
        assertThat(send(http, "GET", "/api/v1/namespaces/sec-imp/pods", ADMIN, "viewer")).isEqualTo(200);
    }

    @Test
    void writesNeedAKubernetesContentTypeAndAForeignHostIsRefused() throws IOException {
        ApiClient.Response plain = admin.send("POST", "/api/v1/namespaces/default/services", service("plain"),
                "text/plain", null);
        assertThat(plain.code()).isEqualTo(415);
        assertThat(plain.str("reason")).isEqualTo("UnsupportedMediaType");
        assertThat(admin.send("POST", "/api/v1/namespaces/default/services", service("none"), null, null).code())
                .isEqualTo(415);
        assertThat(raw("GET /api HTTP/1.1\r\nHost: evil.example:" + port + "\r\nAuthorization: Bearer " + ADMIN
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403");
        assertThat(raw("GET /api HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + ADMIN
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        String crossSite = raw("POST /api/v1/namespaces/default/services HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Authorization: Bearer " + ADMIN + "\r\nConnection: close\r\n\r\n{}");
        assertThat(crossSite).startsWith("HTTP/1.1 403").contains("cross-site POST").doesNotContain("Access-Control");
    }

    @Test
    void theSwaggerUiOpensWithoutATokenAndOffersOne() {
        assertThat(nobody.get("/v3/api-docs").code()).isEqualTo(200);
        assertThat(nobody.get("/v3/api-docs").json().path("components").path("securitySchemes").has("BearerToken"))
                .isTrue();
        assertThat(nobody.get("/swagger-ui/index.html").code()).isEqualTo(200);
        assertThat(nobody.get("/openapi/v3").code()).isEqualTo(401);
    }

    @Test
    void writesAreAuditedAsKubernetesAuditEvents() throws IOException {
        namespace("sec-audit");
        assertThat(admin.post("/api/v1/namespaces/sec-audit/services", service("audited")).code()).isEqualTo(201);
        await().atMost(WAIT).until(() -> Files.readString(dir.resolve("audit.log")).contains("\"audited\""));
        JsonNode event = Files.readAllLines(dir.resolve("audit.log")).stream().map(Json::parse)
                .filter(e -> "audited".equals(Json.str(e, "objectRef", "name"))).findFirst().orElseThrow();
        assertThat(Json.str(event, "apiVersion")).isEqualTo("audit.k8s.io/v1");
        assertThat(Json.str(event, "kind")).isEqualTo("Event");
        assertThat(Json.str(event, "verb")).isEqualTo("create");
        assertThat(Json.str(event, "user", "username")).isEqualTo("admin");
        assertThat(Json.str(event, "objectRef", "resource")).isEqualTo("services");
        assertThat(Json.str(event, "objectRef", "namespace")).isEqualTo("sec-audit");
        assertThat(event.path("responseStatus").path("code").asInt()).isEqualTo(201);
        assertThat(Files.getPosixFilePermissions(dir.resolve("audit.log")).toString()).doesNotContain("OTHERS");
    }

    // ------------------------------------------------------------------ helpers

    private void namespace(String ns) {
        int code = admin.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}").code();
        assertThat(code).isIn(201, 409);
    }

    private void bind(String ns, String name, String clusterRole, String user) {
        ApiClient.Response r = admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings",
                binding(ns, name, clusterRole, user));
        assertThat(r.code()).as(r.text()).isIn(201, 409);
    }

    private static String binding(String ns, String name, String clusterRole, String user) {
        return """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
                 "metadata":{"name":"%s","namespace":"%s"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"%s"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"%s"}]}"""
                .formatted(name, ns, clusterRole, user);
    }

    private static String service(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"ports\":[{\"port\":80}]}}";
    }

    private int send(java.net.http.HttpClient http, String method, String path, String token, String impersonate) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port + path))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + token).header("Impersonate-User", impersonate).build();
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a raw HTTP request over TLS (the JDK client will not set Host) and returns the whole response. */
    private String raw(String request) throws IOException {
        try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
