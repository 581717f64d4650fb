package dev.ordinal.core;

import java.util.List;

/**
 * One kind of object the API serves, with the names Kubernetes gives it.
 *
 * @param group        API group, "" for the core group
 * @param version      API version, always "v1" here
 * @param kind         the Kind, e.g. {@code StatefulSet}
 * @param plural       the resource name in paths, e.g. {@code statefulsets}
 * @param singular     the singular resource name
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names
 * @param subresources subresources served, e.g. {@code status}, {@code scale}
 * @param categories   discovery categories ({@code all})
 */
public record ResourceType(String group, String version, String kind, String plural, String singular,
                           boolean namespaced, List<String> shortNames, List<String> subresources,
                           List<String> categories) {

    /**
     * The same resource: group, version, kind and plural. The names kubectl shows (short names, categories) and the
     * subresources do not make two types of one resource different, and leaving them out keeps this cheap: every
     * change delivered is compared with the types of every reconciler.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ResourceType t && kind.equals(t.kind) && plural.equals(t.plural)
                && group.equals(t.group) && version.equals(t.version));
    }

    @Override
    public int hashCode() {
        return (group.hashCode() * 31 + kind.hashCode()) * 31 + plural.hashCode() + version.hashCode();
    }

    /** The apiVersion string objects of this type carry, e.g. {@code apps/v1} or {@code v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The qualified resource Kubernetes puts in error messages: {@code statefulsets.apps}, or {@code pods}. */
    public String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The qualified kind Kubernetes puts in Invalid messages: {@code StatefulSet.apps}, or {@code Pod}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** The path prefix of the group version: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
}
