package dev.ordinal.api.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ordinal.api.Codec;
import dev.ordinal.api.StatusExceptionHandler;
import dev.ordinal.core.ApiException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body with non-blocking servlet input before the request is handled, so a client that sends its
 * body slowly holds no thread, and cuts it off when the whole body has not arrived within the request timeout (the API
 * server's {@code --request-timeout}, 60 s): 504 with Kubernetes' Timeout Status, and the connection is closed.
 * Bodies are read up to one byte past the size limit; the handler answers 413 for those.
 */
public class RequestBodyFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);
    private static final String BUFFERED = RequestBodyFilter.class.getName() + ".buffered";
    private final long maxBytes;
    private final long timeoutMillis;
    private final ScheduledExecutorService timers;

    public RequestBodyFilter(long maxBytes, long timeoutMillis, ScheduledExecutorService timers) {
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.timers = timers;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(BUFFERED) != null
                || !hasBody(request)) {
            chain.doFilter(req, res);
            return;
        }
        request.setAttribute(BUFFERED, Boolean.TRUE);
        BufferedBodyRequest buffered = new BufferedBodyRequest(request);
        ByteArrayOutputStream arrived = readArrived(request);
        if (arrived != null && arrived.size() == request.getContentLengthLong()) {
            // The whole body came with the headers: read on this thread, as reading it could not wait on the client,
            // and without the two hand-offs between threads an asynchronous read costs.
            buffered.body(arrived.toByteArray());
            chain.doFilter(buffered, res);
            return;
        }
        AsyncContext async = request.startAsync(buffered, res);
        async.setTimeout(0);
        Reader reader = new Reader(async, request.getInputStream(), buffered, (HttpServletResponse) res);
        if (arrived != null) {
            arrived.writeTo(reader.body);
        }
        reader.deadline = timers.schedule(reader::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        request.getInputStream().setReadListener(reader);
    }

    /**
     * What of a body of declared length within the limit the container has already received, read without waiting
     * for the client (each read takes only what {@code available()} says has arrived); null, with nothing read, for a
     * chunked body or one over the limit. The asynchronous reader goes on from there.
     */
    private ByteArrayOutputStream readArrived(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > maxBytes || request.getHeader("Transfer-Encoding") != null) {
            return null;
        }
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream((int) Math.min(length, 1 << 16));
        byte[] chunk = new byte[8192];
        while (got.size() < length && in.available() > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - got.size()));
            if (n < 0) {
                break;
            }
            got.write(chunk, 0, n);
        }
        return got;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Collects one body; exactly one of dispatch, expire or a read error settles the request. */
    private final class Reader implements ReadListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final BufferedBodyRequest buffered;
        private final HttpServletResponse response;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean settled = new AtomicBoolean();
        private final byte[] chunk = new byte[8192];
        private volatile ScheduledFuture<?> deadline;

        Reader(AsyncContext async, ServletInputStream in, BufferedBodyRequest buffered, HttpServletResponse response) {
            this.async = async;
            this.in = in;
            this.buffered = buffered;
            this.response = response;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!settled.get() && !in.isFinished() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    dispatch();
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch();
        }

        @Override
        public void onError(Throwable t) {
            if (settle()) {
                log.debug("request body not read: {}", t.toString());
                async.complete();
            }
        }

        private void dispatch() {
            if (settle()) {
                buffered.body(body.toByteArray());
                async.dispatch();
            }
        }

        void expire() {
            if (!settle()) {
                return;
            }
            try {
                ApiException timeout = new ApiException(504, "Timeout",
                        "Timeout: request did not complete within the allotted timeout", null, null, null, null);
                response.setStatus(504);
                response.setContentType("application/json");
                // Closing the connection rather than reading the rest of a body that may never come.
                response.setHeader("Connection", "close");
                response.getOutputStream().write(Codec.write(StatusExceptionHandler.status(timeout), false));
            } catch (IOException | RuntimeException e) {
                log.debug("could not answer a request whose body timed out: {}", e.toString());
            } finally {
                async.complete();
            }
        }

        private boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            return true;
        }
    }
}
