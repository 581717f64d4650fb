package dev.ordinal.api.limits;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ordinal.api.Codec;
import dev.ordinal.api.StatusExceptionHandler;
import dev.ordinal.core.ApiException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's {@code --max-requests-inflight} and {@code --max-mutating-requests-inflight}: at most so many
 * reads (get, list) and so many writes are handled at once; one more is answered at once with 429, {@code Retry-After:
 * 1} and a TooManyRequests Status, which clients retry. Watches are long-running and not counted. A request counts
 * from when its body has arrived until its response is complete.
 */
public class InFlightLimitFilter implements Filter {
    private static final String PERMIT = InFlightLimitFilter.class.getName() + ".permit";
    private final Semaphore reads;
    private final Semaphore writes;

    public InFlightLimitFilter(int maxReads, int maxWrites) {
        this.reads = new Semaphore(maxReads);
        this.writes = new Semaphore(maxWrites);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Permit permit = (Permit) request.getAttribute(PERMIT);
        if (permit == null) {
            if (request.getDispatcherType() == DispatcherType.ERROR || isLongRunning(request)) {
                chain.doFilter(req, res);
                return;
            }
            Semaphore limit = isMutating(request) ? writes : reads;
            if (!limit.tryAcquire()) {
                tooManyRequests((HttpServletResponse) res);
                return;
            }
            permit = new Permit(limit);
            request.setAttribute(PERMIT, permit);
        }
        try {
            chain.doFilter(req, res);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(permit);
            } else {
                permit.release();
            }
        }
    }

    private static boolean isLongRunning(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String watch = request.getParameter("watch");
        return "true".equals(watch) || "1".equals(watch) || request.getRequestURI().contains("/watch/");
    }

    private static boolean isMutating(HttpServletRequest request) {
        String m = request.getMethod();
        return !("GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m));
    }

    private static void tooManyRequests(HttpServletResponse response) throws IOException {
        ObjectNode status = StatusExceptionHandler.status(new ApiException(429, "TooManyRequests",
                "Too many requests, please try again later.", null, null, null, null));
        status.remove("code");
        status.putObject("details").put("retryAfterSeconds", 1);
        status.put("code", 429);
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/json");
        response.getOutputStream().write(Codec.write(status, false));
    }

    /** One admitted request's place; given back once, when its response completes however it ends. */
    private static final class Permit implements AsyncListener {
        private final Semaphore limit;
        private final AtomicBoolean released = new AtomicBoolean();

        Permit(Semaphore limit) {
            this.limit = limit;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                limit.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release();
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle (Spring streaming the response after a dispatch) keeps the request in flight.
            event.getAsyncContext().addListener(this);
        }
    }
}
