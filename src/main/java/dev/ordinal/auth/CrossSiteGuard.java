package dev.ordinal.auth;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.ordinal.core.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps web pages the user visits from using the API through the browser:
 * <ul>
 *   <li>DNS rebinding: when anyone who reaches the port may act (the zero-set-up server) or the server listens on
 *       loopback, a request whose {@code Host} is not a loopback name ({@code localhost}, {@code *.localhost},
 *       {@code 127.0.0.1}, {@code [::1]}) or one of {@code ordinal.security.allowed-hosts} is refused with 403;</li>
 *   <li>cross-site writes: a browser's write from another origin ({@code Sec-Fetch-Site} other than same-origin or
 *       none, or an {@code Origin} that is not this server's) is refused with 403, unless the origin is one of
 *       {@code ordinal.security.cors.allowed-origins}. Clients that are not browsers send neither header.</li>
 * </ul>
 * Together with writes requiring a Kubernetes content type (a 415 otherwise), no page can write without the
 * browser first asking the server, and the server answers no CORS preflight unless origins are configured.
 */
public class CrossSiteGuard implements Filter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final boolean checkHost;
    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;

    public CrossSiteGuard(boolean checkHost, List<String> allowedHosts, List<String> allowedOrigins) {
        this.checkHost = checkHost;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            String refusal = refusal(request.getMethod(), request.getHeader("Host"), request.getHeader("Origin"),
                    request.getHeader("Sec-Fetch-Site"));
            if (refusal != null) {
                AuthFilter.write((HttpServletResponse) res,
                        new ApiException(403, "Forbidden", refusal, null, null, null, null));
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** Why a request with these headers is refused, or null when it is not. */
    String refusal(String method, String host, String origin, String fetchSite) {
        if (checkHost && host != null && !hostAllowed(hostName(host))) {
            return "forbidden: the Host header \"" + host + "\" is not a name of this server; Ordinal on a loopback "
                    + "address answers only localhost, 127.0.0.1 and [::1] (more names with "
                    + "ordinal.security.allowed-hosts), so a web page cannot reach it by rebinding its own name";
        }
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        if (origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            return null;
        }
        boolean crossSite;
        if (fetchSite != null) {
            crossSite = !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none");
        } else {
            crossSite = origin != null && !sameOrigin(origin, host);
        }
        if (crossSite) {
            return "forbidden: a cross-site " + method + " from " + (origin == null ? "another site" : "origin \""
                    + origin + "\"") + " is refused (a browser page may write only from this server's own origin, "
                    + "or from one listed in ordinal.security.cors.allowed-origins)";
        }
        return null;
    }

    private boolean hostAllowed(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("127.0.0.1")
                || name.equals("[::1]") || name.equals("::1") || allowedHosts.contains(name);
    }

    /** The name in a Host header, lower case, without the port. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI u = URI.create(origin);
            String authority = u.getRawAuthority();
            if (authority == null) {
                return false;
            }
            return authority.equalsIgnoreCase(host.strip()) || (u.getPort() < 0
                    && authority.equalsIgnoreCase(hostName(host)) && defaultPort(host, u.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean defaultPort(String host, String scheme) {
        String h = host.strip();
        return !h.matches(".*:\\d+$") || (scheme.equals("http") && h.endsWith(":80"))
                || (scheme.equals("https") && h.endsWith(":443"));
    }
}
