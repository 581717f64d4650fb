package dev.ordinal.api;

import java.util.Arrays;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;

/**
 * A parsed Kubernetes resource path: {@code /api/v1/namespaces/default/pods/nginx-0/status} and the like.
 *
 * @param type        the resource type addressed
 * @param namespace   the namespace in the path, or null (cluster-scoped kinds, or all namespaces)
 * @param name        the object name, or null for a collection
 * @param subresource {@code status}, {@code scale}, {@code log}... or null
 */
public record ApiPath(ResourceType type, String namespace, String name, String subresource) {

    /**
     * Parses the request URI against the kinds registered in {@code kinds}; an unknown group, version, resource or
     * subresource is a 404 NotFound.
     */
    public static ApiPath parse(String uri, KindRegistry kinds) {
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
        String version = seg.get(i);
        List<String> rest = seg.subList(i + 1, seg.size());
        if (rest.isEmpty()) {
            throw ApiException.notFoundPath();
        }
        // /namespaces/{ns}/{resource}[/{name}[/{sub}]] unless it is the namespace's own subresource.
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !isNamespaceSub(kinds, group, version, rest)) {
            KindDefinition d = kinds.findByResource(group, version, rest.get(2)).filter(k -> k.type().namespaced())
                    .orElseThrow(ApiException::notFoundPath);
            return build(d, rest.get(1), rest.subList(3, rest.size()));
        }
        KindDefinition d = kinds.findByResource(group, version, rest.get(0)).orElseThrow(ApiException::notFoundPath);
        return build(d, null, rest.subList(1, rest.size()));
    }

    private static boolean isNamespaceSub(KindRegistry kinds, String group, String version, List<String> rest) {
        return rest.size() == 3 && kinds.findByResource(group, version, rest.get(0))
                .flatMap(ns -> ns.subresource(rest.get(2))).isPresent();
    }

    private static ApiPath build(KindDefinition d, String ns, List<String> rest) {
        if (rest.size() > 2) {
            throw ApiException.notFoundPath();
        }
        String name = rest.isEmpty() ? null : rest.get(0);
        String sub = rest.size() == 2 ? rest.get(1) : null;
        if (sub != null && d.subresource(sub).isEmpty()) {
            throw ApiException.notFoundPath();
        }
        return new ApiPath(d.type(), ns, name, sub);
    }
}
