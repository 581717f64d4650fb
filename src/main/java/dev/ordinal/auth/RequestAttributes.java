package dev.ordinal.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a request asks to do, in the terms Kubernetes authorizes: the API server's {@code RequestInfo} and
 * {@code authorizer.Attributes}. A resource request names a verb (get, list, watch, create, update, patch, delete,
 * deletecollection), an API group, a resource and maybe a subresource, a namespace and a name; any other path is a
 * non-resource request whose verb is the lower-cased HTTP method.
 *
 * @param user            who asks
 * @param verb            the verb
 * @param resourceRequest whether the path is under {@code /api} or {@code /apis/{group}/{version}}
 * @param path            the request path (for non-resource requests)
 * @param apiGroup        the API group, "" for the core group
 * @param apiVersion      the version in the path
 * @param namespace       the namespace, "" when none
 * @param resource        the plural resource, e.g. {@code pods}
 * @param subresource     the subresource, e.g. {@code status}, or ""
 * @param name            the object name, or ""
 */
public record RequestAttributes(UserInfo user, String verb, boolean resourceRequest, String path, String apiGroup,
                                String apiVersion, String namespace, String resource, String subresource,
                                String name) {
    /** The same request made by another user (impersonation, or a review of what a user may do). */
    public RequestAttributes as(UserInfo other) {
        return new RequestAttributes(other, verb, resourceRequest, path, apiGroup, apiVersion, namespace, resource,
                subresource, name);
    }

    /** A resource request built from its parts (an access review). */
    public static RequestAttributes resource(UserInfo user, String verb, String group, String version,
                                             String namespace, String resource, String subresource, String name) {
        return new RequestAttributes(user, nz(verb), true, "", nz(group), nz(version), nz(namespace), nz(resource),
                nz(subresource), nz(name));
    }

    /** A non-resource request built from its parts (an access review). */
    public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, nz(verb), false, nz(path), "", "", "", "", "", "");
    }

    /**
     * Parses a request as the API server's {@code RequestInfoFactory} does: the method gives the verb, a GET without a
     * name is a list (a watch with {@code watch=true}), a DELETE without a name is a deletecollection, and a list or
     * watch whose field selector names one object ({@code metadata.name=x}) is about that object.
     * {@code namespaceSubresources} are the subresources the Namespace kind's definition serves ({@code status},
     * {@code finalize}): {@code /namespaces/team/finalize} is the namespace's subresource, while
     * {@code /namespaces/team/pods} is a resource in the namespace.
     */
    public static RequestAttributes parse(UserInfo user, String method, String uri, Map<String, String> query,
                                          Set<String> namespaceSubresources) {
        String path = uri == null || uri.isEmpty() ? "/" : uri;
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String prefix = parts.isEmpty() ? "" : parts.get(0);
        boolean core = prefix.equals("api") && parts.size() >= 3;
        boolean grouped = prefix.equals("apis") && parts.size() >= 4;
        if (!core && !grouped) {
            return nonResource(user, method.toLowerCase(Locale.ROOT), path);
        }
        String group = core ? "" : parts.get(1);
        String version = core ? parts.get(1) : parts.get(2);
        List<String> rest = parts.subList(core ? 2 : 3, parts.size());
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> "create";
            case "GET", "HEAD" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "";
        };
        if (rest.get(0).equals("watch")) {
            verb = "watch";
            rest = rest.subList(1, rest.size());
            if (rest.isEmpty()) {
                return nonResource(user, method.toLowerCase(Locale.ROOT), path);
            }
        }
        String namespace = "";
        if (rest.get(0).equals("namespaces")) {
            if (rest.size() > 1) {
                namespace = rest.get(1);
                if (rest.size() > 2 && !namespaceSubresources.contains(rest.get(2))) {
                    rest = rest.subList(2, rest.size());
                }
            }
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : "";
        String subresource = rest.size() >= 3 ? rest.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = "list";
        }
        if ((verb.equals("list") || verb.equals("get")) && truthy(query.get("watch"))) {
            verb = "watch";
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        if ((verb.equals("list") || verb.equals("watch")) && name.isEmpty()) {
            name = nameFromFieldSelector(query.get("fieldSelector"));
        }
        return new RequestAttributes(user, verb, true, path, group, version, namespace, resource, subresource, name);
    }

    private static String nameFromFieldSelector(String selector) {
        if (selector == null) {
            return "";
        }
        for (String term : selector.split(",")) {
            String t = term.trim();
            for (String op : new String[]{"metadata.name==", "metadata.name="}) {
                if (t.startsWith(op)) {
                    return t.substring(op.length());
                }
            }
        }
        return "";
    }

    private static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
