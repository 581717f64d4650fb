package dev.ordinal.core;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' priority of API version names ({@code version.CompareKubeAwareVersionStrings}): GA versions first
 * (higher major first), then betas, then alphas (each by major, then by their own number, higher first), then
 * versions that are not Kubernetes-like ({@code foo1}), in lexical order. The API server lists a CRD group's versions
 * in this order and prefers the first.
 */
public final class KubeVersions {
    private static final Pattern KUBE = Pattern.compile("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$");

    /** Orders version names highest priority first. */
    public static final Comparator<String> BY_PRIORITY = KubeVersions::compare;

    private KubeVersions() {
    }

    /** Negative when {@code a} has the higher priority, positive when {@code b} has, zero when equal. */
    public static int compare(String a, String b) {
        Matcher ma = KUBE.matcher(a);
        Matcher mb = KUBE.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka ? -1 : kb ? 1 : a.compareTo(b);
        }
        int stability = Integer.compare(rank(mb.group(2)), rank(ma.group(2)));
        if (stability != 0) {
            return stability;
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int rank(String stability) {
        return stability == null ? 2 : stability.equals("beta") ? 1 : 0;
    }
}
