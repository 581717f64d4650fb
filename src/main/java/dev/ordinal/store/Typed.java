package dev.ordinal.store;

import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/** A stored object together with its type. */
public record Typed(ResourceType type, ObjectNode object) {
}
