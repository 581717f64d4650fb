package dev.ordinal.auth;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ordinal.api.Codec;
import dev.ordinal.api.StatusExceptionHandler;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.core.Subresource;
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

/**
 * The API server's handler chain in front of every request, before its body is read: authentication (401 when a
 * credential is wrong or missing where one is required), impersonation, then authorization (403 with Kubernetes'
 * message). The user the request acts as is kept in the request attribute {@link #USER}; writes are recorded in
 * the audit log once their response is complete.
 *
 * <p>Left open, whatever the settings: the Swagger UI's page and scripts and the OpenAPI document it shows (so a
 * person can open it and then enter a token), and CORS preflight requests (browsers send them without credentials).
 */
public class AuthFilter implements Filter {
    /** The request attribute holding the {@link UserInfo} a request acts as. */
    public static final String USER = AuthFilter.class.getName() + ".user";
    private final Authenticator authenticator;
    private final Impersonation impersonation;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final KindRegistry kinds;
    private volatile NamespaceSubresources namespaceSubresources;

    public AuthFilter(Authenticator authenticator, Authorizer authorizer, AuditLog audit, KindRegistry kinds) {
        this.authenticator = authenticator;
        this.kinds = kinds;
        this.impersonation = new Impersonation(authorizer);
        this.authorizer = authorizer;
        this.audit = audit;
    }

    /**
     * The subresources of namespaces, as the Namespace kind's definition declares them; worked out again only when
     * the registry hands out another definition (it was a few per cent of a GET's CPU when done per request).
     */
    private Set<String> namespaceSubresources() {
        KindDefinition d = kinds.find(ResourceTypes.NAMESPACE.group(), ResourceTypes.NAMESPACE.version(),
                ResourceTypes.NAMESPACE.kind()).orElse(null);
        NamespaceSubresources known = namespaceSubresources;
        if (known == null || known.definition() != d) {
            known = new NamespaceSubresources(d, d == null ? Set.of()
                    : d.subresources().stream().map(Subresource::name).collect(Collectors.toUnmodifiableSet()));
            namespaceSubresources = known;
        }
        return known.names();
    }

    /** The Namespace kind's subresource names, with the definition they were read from. */
    private record NamespaceSubresources(KindDefinition definition, Set<String> names) {
    }

    /** The user {@code request} acts as; anonymous when no filter ran (a test slice without it). */
    public static UserInfo user(HttpServletRequest request) {
        Object u = request.getAttribute(USER);
        return u instanceof UserInfo user ? user : UserInfo.anonymous();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() != DispatcherType.REQUEST || isOpen(request)) {
            chain.doFilter(req, res);
            return;
        }
        RequestAttributes attributes;
        try {
            UserInfo authenticated = authenticator.authenticate(request);
            UserInfo user = impersonation.apply(request, authenticated);
            attributes = RequestAttributes.parse(user, request.getMethod(), request.getRequestURI(),
                    query(request.getQueryString()), namespaceSubresources());
            Authorizer.Decision decision = authorizer.authorize(attributes);
            if (!decision.allowed()) {
                throw Forbidden.of(attributes, decision.reason());
            }
            request.setAttribute(USER, user);
            if (audit.records(attributes)) {
                audit.started(request, authenticated, attributes);
            }
        } catch (Authenticator.Unauthorized e) {
            write(response, new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, null));
            return;
        } catch (ApiException e) {
            write(response, e);
            return;
        }
        try {
            chain.doFilter(req, res);
        } finally {
            if (audit.records(attributes)) {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new Completed(request, response));
                } else {
                    audit.completed(request, response.getStatus());
                }
            }
        }
    }

    /** Paths served to anyone: the Swagger UI's static page and the OpenAPI document, and CORS preflights. */
    static boolean isOpen(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (request.getMethod().equals("OPTIONS") && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null) {
            return true;
        }
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        return read && (uri.equals("/swagger-ui.html") || uri.startsWith("/swagger-ui/")
                || uri.equals("/v3/api-docs") || uri.startsWith("/v3/api-docs/"));
    }

    /** The query parameters a decision needs, read from the query string only (never from a form body). */
    static Map<String, String> query(String queryString) {
        Map<String, String> params = new HashMap<>();
        if (queryString == null) {
            return params;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // The API answers the malformed query itself; authorization reads what it can.
            }
        }
        return params;
    }

    static void write(HttpServletResponse response, ApiException e) throws IOException {
        byte[] body = Codec.write(StatusExceptionHandler.status(e), false);
        response.setStatus(e.code());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private final class Completed implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Completed(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            audit.completed(request, response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
