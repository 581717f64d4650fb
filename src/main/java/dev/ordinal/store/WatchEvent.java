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
 * @param serialized      the object as the change feed read it (canonical JSON, UTF-8), or null: readers that need it
 *                        serialized use it instead of writing the object again; nobody may modify it
 */
public record WatchEvent(String type, ResourceType resourceType, ObjectNode object, long resourceVersion,
                         byte[] serialized) {

    /** A change without its serialized form. */
    public WatchEvent(String type, ResourceType resourceType, ObjectNode object, long resourceVersion) {
        this(type, resourceType, object, resourceVersion, null);
    }

    /** The object serialized: as the feed read it when known, else written now. */
    public byte[] bytes() {
        return serialized != null ? serialized : dev.ordinal.core.Json.bytes(object);
    }
}
