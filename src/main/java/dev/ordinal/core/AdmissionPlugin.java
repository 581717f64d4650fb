package dev.ordinal.core;

import tools.jackson.databind.node.ObjectNode;

/**
 * A validating admission step run on every create, by users and controllers alike, after the kind's own validation
 * passed (as the API server runs validating admission inside the store's create, once the name is generated). It
 * refuses by throwing an {@link ApiException}.
 */
public interface AdmissionPlugin {

    /** Admits or refuses the creation of {@code obj}, of {@code type}; may record what it admitted. */
    void admitCreate(ResourceType type, ObjectNode obj);

    /**
     * Whether admitting a create of {@code type} in {@code namespace} writes (as quota admission charges the quota):
     * then creates are validated one at a time as they are stored, never ahead of the store.
     */
    default boolean writesOnAdmit(ResourceType type, String namespace) {
        return false;
    }
}
