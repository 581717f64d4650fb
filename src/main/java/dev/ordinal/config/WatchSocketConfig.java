package dev.ordinal.config;

import jakarta.websocket.server.ServerContainer;
import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes sure the servlet container's WebSocket support is started, so that a watch request can be upgraded to a
 * WebSocket by its handler (see {@code dev.ordinal.api.WatchSockets}). No WebSocket path of its own is registered: a
 * watch is upgraded on its ordinary Kubernetes path.
 */
@Configuration
public class WatchSocketConfig {
    @Bean
    ServletContextInitializer webSocketSupport() {
        return servletContext -> {
            if (servletContext.getAttribute(ServerContainer.class.getName()) == null) {
                new WsSci().onStartup(null, servletContext);
            }
        };
    }
}
