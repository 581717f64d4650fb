package dev.ordinal.core;

/**
 * Where a kind keeps what its {@code scale} subresource shows, as a CustomResourceDefinition's
 * {@code subresources.scale} names it: JSON paths such as {@code .spec.replicas}. A blank
 * {@code labelSelectorPath} means the Scale carries no selector.
 */
public record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {

    /** The segments of one of the paths: {@code .spec.replicas} gives {@code [spec, replicas]}. */
    public static String[] segments(String path) {
        String p = path == null ? "" : path;
        return (p.startsWith(".") ? p.substring(1) : p).split("\\.");
    }
}
