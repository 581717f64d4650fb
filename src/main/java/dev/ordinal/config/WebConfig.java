package dev.ordinal.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.ordinal.api.limits.InFlightLimitFilter;
import dev.ordinal.api.limits.RequestBodyFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Streaming responses run on an unbounded cached pool (each is bounded by the in-flight limits); request bodies are
 * read without holding a thread and within the request timeout; reads and writes in flight are limited.
 */
@Configuration
public class WebConfig implements WebMvcConfigurer {
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setTaskExecutor(new TaskExecutorAdapter(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stream");
            t.setDaemon(true);
            return t;
        })));
        configurer.setDefaultTimeout(-1);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService requestTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "request-timeout");
            t.setDaemon(true);
            return t;
        });
        // A deadline is cancelled as soon as its body has arrived: dropped then, rather than kept (with the body it
        // references) until it would have fired, which woke this thread once per request a minute after a burst.
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(
            @Value("${ordinal.max-body-bytes:3145728}") long maxBodyBytes,
            @Value("${ordinal.api.request-timeout-seconds:60}") long timeoutSeconds,
            ScheduledExecutorService requestTimers) {
        var bean = new FilterRegistrationBean<>(new RequestBodyFilter(maxBodyBytes, timeoutSeconds * 1000, requestTimers));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        bean.setAsyncSupported(true);
        return bean;
    }

    @Bean
    FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(
            @Value("${ordinal.api.max-requests-inflight:120}") int maxReads,
            @Value("${ordinal.api.max-mutating-requests-inflight:60}") int maxWrites) {
        var bean = new FilterRegistrationBean<>(new InFlightLimitFilter(maxReads, maxWrites));
        // Inside the body filter: a request counts once its body has arrived.
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        bean.setAsyncSupported(true);
        return bean;
    }

    /**
     * Spring's per-request observation filter, registered disabled while its timer is off (the default): it still
     * made a no-op observation for every request (1.4 % of a GET's CPU in the profile). With the timer on this bean
     * is absent, and Spring Boot registers its own filter as usual.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.http.server.requests", havingValue = "false")
    FilterRegistrationBean<ServerHttpObservationFilter> disabledObservationFilter(ObservationRegistry registry) {
        var bean = new FilterRegistrationBean<>(new ServerHttpObservationFilter(registry));
        bean.setEnabled(false);
        return bean;
    }
}
