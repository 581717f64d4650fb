package dev.ordinal.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchHub;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Upgrades a watch request that asks for it ({@code Upgrade: websocket}) to a {@link WatchSocket} on the same path,
 * as the API server does: the path and query parameters mean what they mean for an HTTP watch.
 */
@Component
public class WatchSockets {
    private final ResourceStore store;
    private final WatchHub hub;
    private final ScheduledExecutorService timers;
    private final int capacity;

    public WatchSockets(ResourceStore store, WatchHub hub, @Value("${ordinal.watch.buffer-events:1000}") int capacity) {
        this.store = store;
        this.hub = hub;
        this.capacity = capacity;
        // Timeouts and closes (a close may wait for a slow client), never on the change feed's thread.
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "watch-socket");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.timers = pool;
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }

    /** True when the request asks to be upgraded to a WebSocket. */
    public static boolean wanted(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket");
    }

    /**
     * Answers the handshake (101 Switching Protocols, or 400 when the handshake headers are wrong) and starts the
     * watch once the connection is a WebSocket.
     */
    public void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(WatchSocket.class, request.getRequestURI())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new WatchSocket(store, hub, timers, capacity));
                    }
                }).build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw new IOException("the watch could not be upgraded to a WebSocket", e);
        }
    }
}
