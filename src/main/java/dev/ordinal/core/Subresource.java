package dev.ordinal.core;

import java.util.List;

/**
 * A subresource a kind serves, as discovery lists it: {@code status}, {@code scale} (an autoscaling/v1 Scale),
 * {@code log}, {@code eviction} (a policy/v1 Eviction), {@code binding}.... {@code status} and {@code scale} are
 * served generically by the API; every other subresource carries the {@link SubresourceHandler} that serves it.
 *
 * @param name    the subresource name in paths, e.g. {@code log}
 * @param group   the group of the object the subresource takes or returns, or null for the parent kind's group
 * @param version its version, or null for the parent kind's
 * @param kind    its kind, or null for the parent kind
 * @param verbs   the verbs discovery lists for it
 * @param listed  whether discovery lists it (Ordinal serves {@code namespaces/finalize} without listing it)
 * @param handler what serves it, or null for the generic {@code status} and {@code scale}
 */
public record Subresource(String name, String group, String version, String kind, List<String> verbs,
                          boolean listed, SubresourceHandler handler) {
    /** The verbs of {@code status} and {@code scale}. */
    public static final List<String> READ_WRITE = List.of("get", "patch", "update");

    public Subresource {
        verbs = List.copyOf(verbs);
    }

    /** The {@code status} subresource: get, patch and update of the object's status. */
    public static Subresource status() {
        return new Subresource("status", null, null, null, READ_WRITE, true, null);
    }

    /** The {@code scale} subresource: an autoscaling/v1 Scale view of the replicas. */
    public static Subresource scale() {
        return new Subresource("scale", "autoscaling", "v1", "Scale", READ_WRITE, true, null);
    }

    /** A subresource served by {@code handler}, with the parent's kind. */
    public static Subresource of(String name, List<String> verbs, SubresourceHandler handler) {
        return new Subresource(name, null, null, null, verbs, true, handler);
    }

    /** Whether the API serves it itself ({@code status}, {@code scale}) rather than through a handler. */
    public boolean generic() {
        return handler == null;
    }
}
