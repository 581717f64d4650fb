package dev.ordinal.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Who made a request, as Kubernetes' {@code user.Info} says it: a name, an optional uid, and groups.
 *
 * @param name   the user name, e.g. {@code alice} or {@code system:anonymous}
 * @param uid    a unique id, or the empty string
 * @param groups the groups the user is in, including {@code system:authenticated} or {@code system:unauthenticated}
 */
public record UserInfo(String name, String uid, List<String> groups) {
    public static final String ANONYMOUS = "system:anonymous";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String MASTERS = "system:masters";

    public UserInfo {
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
    }

    /** The user every request without a credential is, when anonymous requests are allowed. */
    public static UserInfo anonymous() {
        return new UserInfo(ANONYMOUS, "", List.of(UNAUTHENTICATED));
    }

    /**
     * An authenticated user with {@code system:authenticated} added to its groups, as the API server adds it to every
     * user a credential proved (unless the user is {@code system:anonymous} or already in the group).
     */
    public static UserInfo authenticated(String name, String uid, List<String> groups) {
        List<String> all = new ArrayList<>(groups);
        if (!name.equals(ANONYMOUS) && !all.contains(AUTHENTICATED) && !all.contains(UNAUTHENTICATED)) {
            all.add(AUTHENTICATED);
        }
        return new UserInfo(name, uid, all);
    }
}
