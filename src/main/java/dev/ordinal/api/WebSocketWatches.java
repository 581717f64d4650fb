package dev.ordinal.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ordinal.core.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves a watch over a WebSocket, as the API server does for a watch request that asks to upgrade
 * ({@code Upgrade: websocket}): each watch event is one text message (the same JSON, newline included, that the HTTP
 * stream writes as one line); the query parameters, starting state, bookmarks, timeout and 410 Expired are the
 * watch's own. The server closes the WebSocket normally (1000) when the watch times out or after an ERROR event;
 * a client that closes it ends the watch. WebSocket-first clients (fabric8's default configuration) need this:
 * they fall back to a plain HTTP watch only after a plain response ends.
 */
@Component
public class WebSocketWatches {
    private static final Logger log = LoggerFactory.getLogger(WebSocketWatches.class);
    /** How long an accepted upgrade may take to open before its watch is given up. */
    private static final long OPEN_WITHIN_SECONDS = 30;

    /** Whether the request asks to switch to the WebSocket protocol. */
    static boolean isUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return "GET".equals(request.getMethod()) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /**
     * Accepts the upgrade and, once the WebSocket is open, writes the watch to it. {@code expiredEvent}, when given,
     * is the only message (the 410 ERROR event) before the WebSocket closes. A handshake the container refuses (no
     * key, wrong version) is answered by the container, and the watch ends at once.
     */
    void upgrade(HttpServletRequest request, HttpServletResponse response, WatchConnection watch, byte[] expiredEvent,
                 ScheduledExecutorService timers, int timeoutSeconds, long probeSeconds) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        if (container == null) {
            watch.close();
            throw ApiException.badRequest("this server does not serve watches over WebSocket; watch over HTTP");
        }
        WatchEndpoint endpoint = new WatchEndpoint(watch, expiredEvent, timers, timeoutSeconds, probeSeconds);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(WatchEndpoint.class, request.getRequestURI())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                }).build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            watch.close();
            throw ApiException.badRequest("WebSocket upgrade failed: " + e.getMessage());
        }
        if (response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            watch.close();
            return;
        }
        // The upgrade completes after this request returns; a connection lost in between never opens.
        timers.schedule(() -> {
            if (!endpoint.opened) {
                watch.close();
            }
        }, OPEN_WITHIN_SECONDS, TimeUnit.SECONDS);
    }

    /** The endpoint of one watch's WebSocket. */
    static final class WatchEndpoint extends Endpoint {
        private final WatchConnection watch;
        private final byte[] expiredEvent;
        private final ScheduledExecutorService timers;
        private final int timeoutSeconds;
        private final long probeSeconds;
        private volatile boolean opened;

        WatchEndpoint(WatchConnection watch, byte[] expiredEvent, ScheduledExecutorService timers, int timeoutSeconds,
                      long probeSeconds) {
            this.watch = watch;
            this.expiredEvent = expiredEvent;
            this.timers = timers;
            this.timeoutSeconds = timeoutSeconds;
            this.probeSeconds = probeSeconds;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened = true;
            if (expiredEvent != null) {
                try {
                    session.getBasicRemote().sendText(new String(expiredEvent, StandardCharsets.UTF_8));
                    session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
                } catch (IOException | RuntimeException e) {
                    log.debug("Could not send the expired watch's ERROR event", e);
                }
                return;
            }
            watch.open(new WebSocketSink(session, watch), timers, timeoutSeconds, probeSeconds);
            watch.writePossible();
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            watch.close();
        }

        @Override
        public void onError(Session session, Throwable error) {
            watch.close();
        }
    }

    /**
     * Writes one message at a time with asynchronous sends, so that no thread waits on a slow client; the next
     * message goes when the last one is sent. A close asked for during a send waits for the send.
     */
    static final class WebSocketSink implements WatchConnection.Sink {
        private final Session session;
        private final WatchConnection watch;
        private boolean sending;
        private boolean closeAfterSend;
        private boolean closed;

        WebSocketSink(Session session, WatchConnection watch) {
            this.session = session;
            this.watch = watch;
        }

        @Override
        public synchronized boolean ready() {
            return !sending && !closed;
        }

        @Override
        public void write(byte[] event) {
            synchronized (this) {
                sending = true;
            }
            session.getAsyncRemote().sendText(new String(event, StandardCharsets.UTF_8), result -> {
                boolean closeNow;
                synchronized (this) {
                    sending = false;
                    closeNow = closeAfterSend;
                }
                if (closeNow) {
                    closeSession();
                } else if (!result.isOK()) {
                    watch.close();
                } else {
                    watch.writePossible();
                }
            });
        }

        @Override
        public void keepAlive() throws IOException {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        }

        @Override
        public void flush() {
            // Each message is sent whole; nothing is batched.
        }

        @Override
        public void complete() {
            synchronized (this) {
                if (sending) {
                    closeAfterSend = true;
                    return;
                }
            }
            closeSession();
        }

        private void closeSession() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Closing a watch's WebSocket failed", e);
            }
        }
    }
}
