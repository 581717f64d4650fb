package dev.ordinal.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.ordinal.core.KindRegistry;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the guards in front of every request, before its body is read: the cross-site guard first, then
 * authentication and authorization; answers CORS only for the origins configured.
 */
@Configuration
public class AuthConfig implements WebMvcConfigurer {
    private static final Logger log = LoggerFactory.getLogger(AuthConfig.class);
    private final List<String> corsOrigins;

    public AuthConfig(@Value("${ordinal.security.cors.allowed-origins:}") List<String> corsOrigins) {
        this.corsOrigins = corsOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    @Bean
    AuditLog auditLog(@Value("${ordinal.audit.log-path:}") String path, Clock clock) throws IOException {
        return new AuditLog(path.isBlank() ? null : Path.of(path), clock);
    }

    @Bean
    FilterRegistrationBean<CrossSiteGuard> crossSiteGuard(AuthSettings settings,
            @Value("${ordinal.security.allowed-hosts:}") List<String> allowedHosts) {
        boolean checkHost = settings.loopback() || settings.openToAnyone();
        var bean = new FilterRegistrationBean<>(new CrossSiteGuard(checkHost,
                allowedHosts.stream().filter(h -> !h.isBlank()).toList(), corsOrigins));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        bean.setDispatcherTypes(DispatcherType.REQUEST);
        bean.setAsyncSupported(true);
        return bean;
    }

    @Bean
    FilterRegistrationBean<AuthFilter> authFilter(AuthSettings settings, Authorizer authorizer, AuditLog audit,
                                                  KindRegistry kinds) {
        log.info("API access: {}", String.join(", ", settings.describe()));
        Authenticator authenticator = new Authenticator(settings.tokenFile(), settings.clientCertificates(),
                settings.anonymous());
        var bean = new FilterRegistrationBean<>(new AuthFilter(authenticator, authorizer, audit, kinds));
        // Before the body filter: nobody unauthenticated makes the server read a body.
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        bean.setDispatcherTypes(DispatcherType.REQUEST);
        bean.setAsyncSupported(true);
        return bean;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!corsOrigins.isEmpty()) {
            registry.addMapping("/**").allowedOrigins(corsOrigins.toArray(String[]::new))
                    .allowedMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .allowedHeaders("Authorization", "Content-Type", "Accept", "Impersonate-User", "Impersonate-Group")
                    .exposedHeaders("Date", "Content-Type", "Warning");
        }
    }
}
