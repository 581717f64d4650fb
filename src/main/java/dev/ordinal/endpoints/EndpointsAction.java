package dev.ordinal.endpoints;

import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/** What the endpoints controller does to bring one Service's Endpoints and EndpointSlices to the desired state. */
public sealed interface EndpointsAction {

    /** Creates {@code object} (an Endpoints, or an EndpointSlice named by {@code metadata.generateName}). */
    record Create(ResourceType type, ObjectNode object) implements EndpointsAction {
    }

    /** Replaces the stored object, which {@code object} names and carries the resourceVersion of. */
    record Update(ResourceType type, ObjectNode object) implements EndpointsAction {
    }

    record Delete(ResourceType type, String name) implements EndpointsAction {
    }
}
