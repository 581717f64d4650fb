package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The shortcut to the resource GET handler answers only where Spring MVC's general lookup chooses that same handler,
 * and leaves every other request to the general lookup.
 */
@IntegrationTest
class ResourceGetMappingIT {
    @Autowired
    ResourceGetMapping shortcut;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping general;

    @Test
    void resourcePathsGoWhereTheGeneralLookupSendsThem() throws Exception {
        for (String uri : List.of("/api/v1/namespaces/default/pods/p1", "/api/v1/pods", "/api/v1/namespaces",
                "/api/v1/namespaces/default/pods/p1/log", "/api/v1/namespaces/default/pods/p1/status",
                "/apis/apps/v1/namespaces/default/statefulsets", "/apis/apps/v1/namespaces/default/statefulsets/web/scale",
                "/apis/storage.k8s.io/v1/storageclasses", "/apis/events.k8s.io/v1beta1/events",
                "/apis/stable.example.com/v1/namespaces/default/crontabs", "/api/v1/nodes/node-1")) {
            HandlerMethod fast = handler(shortcut.getHandler(get(uri)));
            HandlerMethod slow = handler(general.getHandler(get(uri)));
            assertThat(fast).as(uri).isNotNull();
            assertThat(fast.getMethod()).as(uri).isEqualTo(slow.getMethod());
            assertThat(fast.getBeanType()).as(uri).isEqualTo(slow.getBeanType());
            assertThat(fast.getMethod().getDeclaringClass()).isEqualTo(ResourceApiController.class);
        }
    }

    @Test
    void everythingElseIsLeftToTheGeneralLookup() throws Exception {
        for (String uri : List.of("/api", "/api/v1", "/api/v1/", "/apis", "/apis/apps", "/apis/apps/", "/apis/apps/v1",
                "/apis/apps/v1/", "/apis//v1/pods", "/apis/events.k8s.io/v1/events",
                "/apis/events.k8s.io/v1/namespaces/default/events", "/api/v1/namespaces/default/pods/a%20b",
                "/api/v1//pods", "/api/v1/./pods", "/api/v1/pods;x=y", "/version", "/openapi/v3/api/v1",
                "/actuator/health", "/v3/api-docs", "/")) {
            assertThat(shortcut.getHandler(get(uri))).as(uri).isNull();
        }
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/api/v1/namespaces/default/pods");
        assertThat(shortcut.getHandler(post)).isNull();
        MockHttpServletRequest crossOrigin = get("/api/v1/namespaces/default/pods");
        crossOrigin.addHeader("Origin", "https://elsewhere.example");
        assertThat(shortcut.getHandler(crossOrigin)).isNull();
        // The events.k8s.io/v1 API has a controller of its own, which the general lookup prefers.
        HandlerMethod events = handler(general.getHandler(get("/apis/events.k8s.io/v1/events")));
        assertThat(events.getBeanType()).isNotEqualTo(ResourceApiController.class);
    }

    private static MockHttpServletRequest get(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private static HandlerMethod handler(HandlerExecutionChain chain) {
        return chain == null ? null : (HandlerMethod) chain.getHandler();
    }
}
