package dev.ordinal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Token files, bearer headers, request attributes, the 403 message and the cross-site rules, without a server. */
class AuthUnitTest {
    /** The subresources the Namespace definition (node/NodeKinds) serves, which the filter reads from the registry. */
    private static final java.util.Set<String> NAMESPACE_SUBRESOURCES = java.util.Set.of("status", "finalize");

    @Test
    void aTokenFileLineIsTokenUserUidAndQuotedGroups() {
        TokenFile f = TokenFile.parse("t1,alice,u-1,\"dev,ops\"\n\nt2,bob,u-2\n", "tokens.csv");
        assertThat(f.user("t1")).isEqualTo(new UserInfo("alice", "u-1", List.of("dev", "ops", "system:authenticated")));
        assertThat(f.user("t2").groups()).containsExactly("system:authenticated");
        assertThat(f.user("t3")).isNull();
    }

    @Test
    void aTokenFileLineWithFewerThanThreeColumnsIsRefused() {
        assertThatThrownBy(() -> TokenFile.parse("t1,alice\n", "tokens.csv"))
                .hasMessageContaining("tokens.csv, line 1: expected at least 3 columns");
    }

    @Test
    void onlyABearerSchemeCarriesAToken() {
        assertThat(Authenticator.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(Authenticator.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(Authenticator.bearerToken("Basic YTpi")).isNull();
        assertThat(Authenticator.bearerToken("Bearer ")).isNull();
        assertThat(Authenticator.webSocketToken("base64url.bearer.authorization.k8s.io.YWJj, v4.channel.k8s.io"))
                .isEqualTo("abc");
    }

    @Test
    void aWrongTokenIsRefusedEvenWhenAnonymousIsAllowed() {
        Authenticator a = new Authenticator(TokenFile.parse("t1,alice,u\n", "f"), false, true);
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer nope");
        assertThatThrownBy(() -> a.authenticate(request)).isInstanceOf(Authenticator.Unauthorized.class);
        assertThat(a.authenticate(new org.springframework.mock.web.MockHttpServletRequest()))
                .isEqualTo(UserInfo.anonymous());
    }

    @Test
    void aClientCertificateNamesTheUserByCommonNameAndGroupsByOrganization(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path store = tmp.resolve("client.p12");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "c", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "O=ops,O=dev,CN=alice", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        var cert = (java.security.cert.X509Certificate) ks.getCertificate("c");
        UserInfo user = Authenticator.fromCertificate(cert);
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.groups()).containsExactly("dev", "ops", "system:authenticated");
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setAttribute("jakarta.servlet.request.X509Certificate", new java.security.cert.X509Certificate[]{cert});
        assertThat(new Authenticator(null, true, false).authenticate(request).name()).isEqualTo("alice");
        assertThatThrownBy(() -> new Authenticator(null, false, false).authenticate(request))
                .isInstanceOf(Authenticator.Unauthorized.class);
    }

    @Test
    void requestsParseIntoVerbsAsTheApiServerDoes() {
        UserInfo u = UserInfo.anonymous();
        RequestAttributes list = RequestAttributes.parse(u, "GET", "/api/v1/namespaces/default/pods", Map.of(), NAMESPACE_SUBRESOURCES);
        assertThat(list.verb()).isEqualTo("list");
        assertThat(list.namespace()).isEqualTo("default");
        RequestAttributes watch = RequestAttributes.parse(u, "GET", "/apis/apps/v1/statefulsets",
                Map.of("watch", "true", "fieldSelector", "metadata.name=web"), NAMESPACE_SUBRESOURCES);
        assertThat(watch.verb()).isEqualTo("watch");
        assertThat(watch.name()).isEqualTo("web");
        assertThat(watch.apiGroup()).isEqualTo("apps");
        RequestAttributes scale = RequestAttributes.parse(u, "PATCH",
                "/apis/apps/v1/namespaces/default/statefulsets/web/scale", Map.of(), NAMESPACE_SUBRESOURCES);
        assertThat(List.of(scale.verb(), scale.resource(), scale.subresource(), scale.name()))
                .containsExactly("patch", "statefulsets", "scale", "web");
        assertThat(RequestAttributes.parse(u, "DELETE", "/api/v1/namespaces/default/pods", Map.of(), NAMESPACE_SUBRESOURCES).verb())
                .isEqualTo("deletecollection");
        RequestAttributes ns = RequestAttributes.parse(u, "PUT", "/api/v1/namespaces/team/finalize", Map.of(), NAMESPACE_SUBRESOURCES);
        assertThat(List.of(ns.resource(), ns.name(), ns.subresource())).containsExactly("namespaces", "team", "finalize");
        RequestAttributes version = RequestAttributes.parse(u, "GET", "/version", Map.of(), NAMESPACE_SUBRESOURCES);
        assertThat(version.resourceRequest()).isFalse();
        assertThat(version.verb()).isEqualTo("get");
        assertThat(RequestAttributes.parse(u, "GET", "/apis/apps", Map.of(), NAMESPACE_SUBRESOURCES).resourceRequest()).isFalse();
    }

    @Test
    void theForbiddenMessageIsKubernetesWordForWord() {
        UserInfo alice = UserInfo.authenticated("alice", "", List.of());
        assertThat(Forbidden.of(RequestAttributes.resource(alice, "delete", "", "v1", "default", "pods", "", ""), "")
                .getMessage()).isEqualTo("pods is forbidden: User \"alice\" cannot delete resource \"pods\" in API "
                + "group \"\" in the namespace \"default\"");
        assertThat(Forbidden.of(RequestAttributes.resource(alice, "patch", "apps", "v1", "default", "statefulsets",
                "scale", "web"), "").getMessage()).isEqualTo("statefulsets.apps \"web\" is forbidden: User \"alice\" "
                + "cannot patch resource \"statefulsets/scale\" in API group \"apps\" in the namespace \"default\"");
        assertThat(Forbidden.of(RequestAttributes.resource(alice, "list", "", "v1", "", "nodes", "", ""), "")
                .getMessage()).isEqualTo("nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API "
                + "group \"\" at the cluster scope");
        assertThat(Forbidden.of(RequestAttributes.nonResource(alice, "get", "/metrics"), "").getMessage())
                .isEqualTo("forbidden: User \"alice\" cannot get path \"/metrics\"");
    }

    @Test
    void aForeignHostIsRefusedOnLoopbackAndLoopbackNamesAreNot() {
        CrossSiteGuard guard = new CrossSiteGuard(true, List.of("ordinal.internal"), List.of());
        assertThat(guard.refusal("GET", "evil.example:8080", null, null)).contains("Host header \"evil.example:8080\"");
        assertThat(guard.refusal("GET", "localhost:8080", null, null)).isNull();
        assertThat(guard.refusal("GET", "127.0.0.1:8080", null, null)).isNull();
        assertThat(guard.refusal("GET", "[::1]:8080", null, null)).isNull();
        assertThat(guard.refusal("GET", "app.localhost", null, null)).isNull();
        assertThat(guard.refusal("GET", "ordinal.internal:8080", null, null)).isNull();
        assertThat(new CrossSiteGuard(false, List.of(), List.of()).refusal("GET", "evil.example", null, null)).isNull();
    }

    @Test
    void aBrowserWriteFromAnotherOriginIsRefusedAndFromItsOwnIsNot() {
        CrossSiteGuard guard = new CrossSiteGuard(true, List.of(), List.of("http://localhost:3000"));
        assertThat(guard.refusal("POST", "localhost:8080", "http://evil.example", null)).contains("cross-site POST");
        assertThat(guard.refusal("POST", "localhost:8080", "http://localhost:8081", null)).isNotNull();
        assertThat(guard.refusal("POST", "localhost:8080", null, "cross-site")).isNotNull();
        assertThat(guard.refusal("POST", "localhost:8080", "http://localhost:8080", "same-origin")).isNull();
        assertThat(guard.refusal("POST", "localhost:8080", "http://localhost:8080", null)).isNull();
        assertThat(guard.refusal("POST", "localhost:8080", "http://localhost:3000", "same-site")).isNull();
        assertThat(guard.refusal("GET", "localhost:8080", "http://evil.example", "cross-site")).isNull();
        assertThat(guard.refusal("DELETE", "localhost:8080", null, null)).isNull();
    }

    @Test
    void aServerOnANetworkAddressWithoutCredentialsRefusesToStart() throws Exception {
        assertThat(AuthSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(AuthSettings.isLoopback("::1")).isTrue();
        assertThat(AuthSettings.isLoopback("0.0.0.0")).isFalse();
        assertThat(AuthSettings.isLoopback("")).isFalse();
        assertThatThrownBy(() -> new AuthSettings("", null, "", "none", "0.0.0.0"))
                .hasMessageContaining("--ordinal.auth.token-file").hasMessageContaining("--ordinal.auth.anonymous=true");
        assertThat(new AuthSettings("", true, "", "none", "0.0.0.0").openToAnyone()).isTrue();
        AuthSettings loopback = new AuthSettings("", null, "", "none", "127.0.0.1");
        assertThat(loopback.anonymous()).isTrue();
        assertThat(loopback.rbac()).isFalse();
    }
}
