package dev.ordinal.node;

import dev.ordinal.core.ResourceType;

/** What the namespace controller does to a namespace being deleted; decided by {@link NamespacePlanner}. */
sealed interface NamespaceAction {

    /** Writes {@code status.phase: Terminating}. */
    record MarkTerminating() implements NamespaceAction {
    }

    /** Deletes one object of the namespace with background propagation. */
    record DeleteContent(ResourceType type, String name) implements NamespaceAction {
    }

    /** Removes {@code spec.finalizers}: the namespace is empty and goes away. */
    record Finalize() implements NamespaceAction {
    }
}
