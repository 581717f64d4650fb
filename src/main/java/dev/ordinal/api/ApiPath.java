package dev.ordinal.api;

import java.util.Arrays;
import java.util.List;

/**
 * A parsed Kubernetes resource path: {@code /api/v1/namespaces/default/pods/nginx-0/status} and the like.
 *
 * @param type        the resource type addressed
 * @param namespace   the namespace in the path, or null (cluster-scoped kinds, or all namespaces)
 * @param name        the object name, or null for a collection
 * @param subresource {@code status}, {@code scale}, or null
 */
public record ApiPath(ResourceType type, String namespace, String name, String subresource) {

    /** Parses the request URI; an unknown group, version or resource is a 404 NotFound. */
    public static ApiPath parse(String uri) {
        List<String> seg = Arrays.stream(uri.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        int i;
        if (seg.size() >= 2 && seg.get(0).equals("api")) {
            group = "";
            i = 1;
        } else if (seg.size() >= 3 && seg.get(0).equals("apis")) {
            group = seg.get(1);
            i = 2;
        } else {
            throw ApiException.notFoundPath();
        }
        if (!seg.get(i).equals("v1")) {
            throw ApiException.notFoundPath();
        }
        List<String> rest = seg.subList(i + 1, seg.size());
        if (rest.isEmpty()) {
            throw ApiException.notFoundPath();
        }
        // /namespaces/{ns}/{resource}[/{name}[/{sub}]] unless it is the namespace's own subresource.
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !(group.isEmpty() && isNamespaceSub(rest))) {
            ResourceType t = ResourceTypes.byResource(group, rest.get(2)).filter(ResourceType::namespaced)
                    .orElseThrow(ApiException::notFoundPath);
            return build(t, rest.get(1), rest.subList(3, rest.size()));
        }
        ResourceType t = ResourceTypes.byResource(group, rest.get(0)).orElseThrow(ApiException::notFoundPath);
        return build(t, null, rest.subList(1, rest.size()));
    }

    private static boolean isNamespaceSub(List<String> rest) {
        return rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    }

    private static ApiPath build(ResourceType t, String ns, List<String> rest) {
        if (rest.size() > 2) {
            throw ApiException.notFoundPath();
        }
        String name = rest.isEmpty() ? null : rest.get(0);
        String sub = rest.size() == 2 ? rest.get(1) : null;
        if (sub != null && !t.hasSubresource(sub) && !(t.kind().equals("Namespace") && sub.equals("finalize"))
                && !(t.kind().equals("Pod") && (sub.equals("log") || sub.equals("eviction") || sub.equals("binding")))) {
            throw ApiException.notFoundPath();
        }
        return new ApiPath(t, ns, name, sub);
    }
}
