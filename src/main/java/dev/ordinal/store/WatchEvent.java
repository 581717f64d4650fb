package dev.ordinal.store;

import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * One committed change, as the change feed delivers it and watch streams it.
 *
 * @param type            ADDED, MODIFIED or DELETED
 * @param resourceType    the kind of the object
 * @param object          the object after the change (for DELETED: its last state with the deletion's version)
 * @param resourceVersion the version the change was committed at
 */
public record WatchEvent(String type, ResourceType resourceType, ObjectNode object, long resourceVersion) {
}
