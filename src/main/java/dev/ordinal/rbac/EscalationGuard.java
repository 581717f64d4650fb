package dev.ordinal.rbac;

import dev.ordinal.auth.AuthFilter;
import dev.ordinal.auth.Authorizer;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@link EscalationCheck} to RBAC objects written through the API, as the user of the request. Writes made
 * in-process (bootstrap policy, controllers) have no request and are not checked; with RBAC off (no token file)
 * everything is allowed anyway. The authorizer and the store are looked up lazily: both depend on the kind
 * strategies this guard is part of.
 */
@Component
public class EscalationGuard {
    private final ObjectProvider<Authorizer> authorizer;
    private final ObjectProvider<ResourceStore> store;

    public EscalationGuard(ObjectProvider<Authorizer> authorizer, ObjectProvider<ResourceStore> store) {
        this.authorizer = authorizer;
        this.store = store;
    }

    /** Throws 403 when the request's user may not write {@code obj} (see {@link EscalationCheck#confirm}). */
    public void confirm(ObjectNode obj) {
        Authorizer a = authorizer.getObject();
        if (a == Authorizer.ALLOW_ALL
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return;
        }
        EscalationCheck.confirm(obj, AuthFilter.user(request.getRequest()), a,
                new CachedPolicySource(store.getObject().cache()));
    }
}
