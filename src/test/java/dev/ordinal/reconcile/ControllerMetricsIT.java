package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The controller runtime's metrics are published through Actuator: reconciles by result, duration, queue depth.
 * Spring's per-request timer is not (README, "Metrics").
 */
@IntegrationTest
class ControllerMetricsIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void reconcileCountsDurationsAndQueueDepthsArePublished() {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"metrics\"}}");
        api.post("/api/v1/namespaces/metrics/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"m\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Response total = api.get("/actuator/metrics/ordinal.reconcile.total?tag=reconciler:scheduler");
            assertThat(total.code()).isEqualTo(200);
            assertThat(total.json().get("measurements").get(0).get("value").asDouble()).isGreaterThan(0);
        });
        ApiClient.Response duration = api.get("/actuator/metrics/ordinal.reconcile.duration?tag=reconciler:kubelet");
        assertThat(duration.code()).isEqualTo(200);
        assertThat(duration.text()).contains("TOTAL_TIME");
        ApiClient.Response depth = api.get("/actuator/metrics/ordinal.reconcile.queue.depth?tag=reconciler:statefulset");
        assertThat(depth.code()).isEqualTo(200);
        assertThat(depth.json().get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void springsPerRequestTimerIsOffByDefault() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/namespaces/default").code()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics/http.server.requests").code()).isEqualTo(404);
    }

    @Test
    void springsObservationFilterIsNotInTheChainWhileItsTimerIsOff() {
        var observationFilters = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .filter(r -> r.getFilter() instanceof ServerHttpObservationFilter).toList();
        assertThat(observationFilters).isNotEmpty().noneMatch(FilterRegistrationBean::isEnabled);
    }
}
