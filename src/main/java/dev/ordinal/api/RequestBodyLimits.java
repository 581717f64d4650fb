package dev.ordinal.api;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.ordinal.core.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request body may cost before anything reads it, for every API path:
 * <ul>
 *   <li>a declared {@code Content-Length} over {@code ordinal.max-body-bytes} is a 413 at once, and a chunked body is
 *       cut off one byte past the limit (so the API answers 413 without holding more than that);</li>
 *   <li>bodies in flight share a budget ({@code ordinal.body-budget-bytes}, default 4 × the body limit): decoding a
 *       large body into a tree takes many times its size, so a burst of large requests waits its turn and, after
 *       {@code ordinal.body-wait-seconds}, gets 429 TooManyRequests as from the API server's in-flight limit;</li>
 *   <li>a write must say it is JSON, YAML (either including the patch types, e.g. {@code application/merge-patch+json},
 *       {@code application/apply-patch+yaml}) or protobuf: any other {@code Content-Type} (a wildcard, a form,
 *       {@code text/plain}) is a 415, as the API server answers. A POST with a body and no {@code Content-Type} is a
 *       415 too: it is what a web page can send to another site without asking first (a PUT, PATCH or DELETE cannot
 *       be, and kubectl sends {@code kubectl scale}'s PUT without one, so those are read as JSON).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyLimits extends OncePerRequestFilter {
    private static final int KIB = 1024;
    private final long maxBodyBytes;
    private final Semaphore budgetKib;
    private final int maxPermits;
    private final long waitSeconds;

    public RequestBodyLimits(@Value("${ordinal.max-body-bytes:3145728}") long maxBodyBytes,
                             @Value("${ordinal.body-budget-bytes:0}") long budgetBytes,
                             @Value("${ordinal.body-wait-seconds:10}") long waitSeconds) {
        this.maxBodyBytes = maxBodyBytes;
        long budget = budgetBytes > 0 ? budgetBytes : 4 * maxBodyBytes;
        this.maxPermits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / KIB));
        this.budgetKib = new Semaphore(maxPermits);
        this.waitSeconds = waitSeconds;
    }

    /**
     * A body that {@code RequestBodyFilter} collected without a thread reaches the API in an async dispatch: these
     * checks run there too.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        String uri = request.getRequestURI();
        boolean api = uri.startsWith("/api") || uri.startsWith("/apis") || uri.startsWith("/openapi");
        return !api || !(m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        // A form is not a Kubernetes object; refused before the servlet container parses it as parameters (where a
        // stray '%' in the body would fail outside any handler).
        if (!isKubernetesMediaType(mediaType, request.getMethod(), hasBody(request))) {
            write(response, ApiException.unsupportedMediaType(contentType));
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            write(response, ApiException.tooLarge());
            return;
        }
        long expected = declared >= 0 ? declared : maxBodyBytes;
        int permits = (int) Math.min(maxPermits, Math.max(1, (expected + KIB - 1) / KIB));
        boolean acquired;
        try {
            acquired = budgetKib.tryAcquire(permits, waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            response.setHeader("Retry-After", "1");
            write(response, new ApiException(429, "TooManyRequests", "Too many requests, please try again later.",
                    null, null, null, null));
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBodyBytes + 1), response);
        } finally {
            budgetKib.release(permits);
        }
    }

    /** Whether a write with this media type (lower case, no parameters; "" when absent) is read at all. */
    static boolean isKubernetesMediaType(String mediaType, String method, boolean hasBody) {
        if (mediaType.isEmpty()) {
            return !(method.equals("POST") && hasBody);
        }
        if (mediaType.contains("*") || !(mediaType.startsWith("application/") || mediaType.startsWith("text/"))) {
            return false;
        }
        return mediaType.endsWith("json") || mediaType.endsWith("yaml")
                || mediaType.equals(ProtobufEnvelope.CONTENT_TYPE);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static void write(HttpServletResponse response, ApiException e) throws IOException {
        byte[] body = Codec.write(StatusExceptionHandler.status(e), false);
        response.setStatus(e.code());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A request whose body reads as ended after {@code limit} bytes. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream in;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new CappedStream(super.getInputStream(), limit);
            }
            return in;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private long left;

        CappedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return left <= 0 || in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
