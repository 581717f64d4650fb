package dev.ordinal.store;

/**
 * How a delete proceeds, as Kubernetes' {@code DeleteOptions}.
 *
 * @param propagationPolicy  Background (default), Foreground or Orphan; null means the default
 * @param gracePeriodSeconds seconds a pod may take to terminate; null means its own setting; 0 removes at once
 * @param preconditionUid    when set, the object must have this uid
 * @param preconditionResourceVersion when set, the object must be at this version
 */
public record DeleteOptions(String propagationPolicy, Long gracePeriodSeconds, String preconditionUid,
                            String preconditionResourceVersion) {
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null);
    public static final DeleteOptions NOW = new DeleteOptions(null, 0L, null, null);

    public static DeleteOptions propagation(String policy) {
        return new DeleteOptions(policy, null, null, null);
    }
}
