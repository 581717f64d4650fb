package dev.ordinal.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.ordinal.core.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The API server's impersonation ({@code Impersonate-User}, {@code Impersonate-Group}, {@code Impersonate-Uid}):
 * honoured only when the requesting user may {@code impersonate} each of them (users, groups, service accounts,
 * {@code uids.authentication.k8s.io}); anything else is a 403 naming what was refused. The impersonated user is in
 * {@code system:authenticated} (or {@code system:unauthenticated} when it is {@code system:anonymous}).
 */
public final class Impersonation {
    private static final String SA_PREFIX = "system:serviceaccount:";
    private final Authorizer authorizer;

    public Impersonation(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** The user the request acts as: {@code user} itself, or whom it may impersonate. */
    public UserInfo apply(HttpServletRequest request, UserInfo user) {
        String name = request.getHeader("Impersonate-User");
        java.util.Enumeration<String> groupHeaders = request.getHeaders("Impersonate-Group");
        List<String> groups = groupHeaders == null || !groupHeaders.hasMoreElements() ? List.of()
                : Collections.list(groupHeaders);
        String uid = request.getHeader("Impersonate-Uid");
        boolean extras = hasExtraHeader(request);
        if (name == null || name.isEmpty()) {
            if (!groups.isEmpty() || uid != null || extras) {
                throw ApiException.badRequest("requested impersonation of groups, a uid or extra fields without "
                        + "impersonating a user (Impersonate-User)");
            }
            return user;
        }
        if (extras) {
            throw ApiException.badRequest("Impersonate-Extra-* headers are not supported by Ordinal");
        }
        List<RequestAttributes> checks = new ArrayList<>();
        List<String> all = new ArrayList<>(groups);
        if (name.startsWith(SA_PREFIX) && name.substring(SA_PREFIX.length()).contains(":")) {
            String rest = name.substring(SA_PREFIX.length());
            String ns = rest.substring(0, rest.indexOf(':'));
            checks.add(RequestAttributes.resource(user, "impersonate", "", "v1", ns, "serviceaccounts", "",
                    rest.substring(rest.indexOf(':') + 1)));
            if (groups.isEmpty()) {
                all.add("system:serviceaccounts");
                all.add("system:serviceaccounts:" + ns);
            }
        } else {
            checks.add(RequestAttributes.resource(user, "impersonate", "", "v1", "", "users", "", name));
        }
        for (String g : groups) {
            checks.add(RequestAttributes.resource(user, "impersonate", "", "v1", "", "groups", "", g));
        }
        if (uid != null) {
            checks.add(RequestAttributes.resource(user, "impersonate", "authentication.k8s.io", "v1", "", "uids", "",
                    uid));
        }
        for (RequestAttributes check : checks) {
            Authorizer.Decision d = authorizer.authorize(check);
            if (!d.allowed()) {
                throw Forbidden.of(check, d.reason());
            }
        }
        if (name.equals(UserInfo.ANONYMOUS)) {
            if (!all.contains(UserInfo.UNAUTHENTICATED)) {
                all.add(UserInfo.UNAUTHENTICATED);
            }
            return new UserInfo(name, uid, all);
        }
        return UserInfo.authenticated(name, uid, all);
    }

    /** Whether any {@code Impersonate-Extra-*} header came (read on every request, so without copying the names). */
    private static boolean hasExtraHeader(HttpServletRequest request) {
        java.util.Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            if (names.nextElement().regionMatches(true, 0, "Impersonate-Extra-", 0, 18)) {
                return true;
            }
        }
        return false;
    }
}
