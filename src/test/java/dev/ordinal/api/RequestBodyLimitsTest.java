package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitsTest {
    private static MockHttpServletRequest post(String contentType, int length) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/namespaces/default/pods");
        r.setContentType(contentType);
        r.setContent(new byte[length]);
        return r;
    }

    @Test
    void wildcardsAndOversizedBodiesAreRefusedBeforeAnythingReadsThem() throws Exception {
        RequestBodyLimits limits = new RequestBodyLimits(2048, 0, 0);
        MockHttpServletResponse wildcard = new MockHttpServletResponse();
        limits.doFilter(post("*/*", 10), wildcard, (req, res) -> {
            throw new AssertionError("reached the API");
        });
        assertThat(wildcard.getStatus()).isEqualTo(415);
        assertThat(wildcard.getContentAsString()).contains("\"kind\":\"Status\"").contains("\"code\":415");
        MockHttpServletResponse form = new MockHttpServletResponse();
        MockHttpServletRequest formRequest = post("application/x-www-form-urlencoded", 0);
        formRequest.setContent("a=101%".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        limits.doFilter(formRequest, form, (req, res) -> {
            throw new AssertionError("reached the API");
        });
        assertThat(form.getStatus()).isEqualTo(415);
        MockHttpServletResponse big = new MockHttpServletResponse();
        limits.doFilter(post("application/json", 2049), big, (req, res) -> {
            throw new AssertionError("reached the API");
        });
        assertThat(big.getStatus()).isEqualTo(413);
    }

    @Test
    void bodiesBeyondTheBudgetInFlightGet429() throws Exception {
        RequestBodyLimits limits = new RequestBodyLimits(2048, 2048, 0);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            try {
                limits.doFilter(post("application/json", 2048), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse second = new MockHttpServletResponse();
        limits.doFilter(post("application/json", 1024), second, (req, res) -> {
            throw new AssertionError("reached the API");
        });
        assertThat(second.getStatus()).isEqualTo(429);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.getContentAsString()).contains("\"reason\":\"TooManyRequests\"");
        release.countDown();
        first.join();
        MockHttpServletResponse third = new MockHttpServletResponse();
        boolean[] reached = {false};
        limits.doFilter(post("application/json", 1024), third, (req, res) -> reached[0] = true);
        assertThat(reached[0]).isTrue();
    }
}
