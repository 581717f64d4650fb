package dev.ordinal.core;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * What is special about one kind on the write path: its defaults, its validation and how status behaves. One bean
 * per kind; kinds without a bean get {@link #DEFAULT}'s behaviour.
 */
public interface KindStrategy {

    ResourceType type();

    /** Applies defaults to a new object, in place, before validation. */
    default void defaults(ObjectNode obj) {
    }

    /** Whether create throws away the status a client sent (as Kubernetes does for workloads, pods and storage). */
    default boolean resetStatusOnCreate() {
        return true;
    }

    /** Sets the status a new object starts with, after any reset. */
    default void initialStatus(ObjectNode obj) {
    }

    /** The field errors of a new object (metadata name rules are checked by the store). */
    default List<FieldError> validate(ObjectNode obj) {
        return List.of();
    }

    /** The field errors of an update; by default the create rules applied to the new object. */
    default List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        return validate(obj);
    }

    /** The field errors of a status update. */
    default List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return List.of();
    }

    /** Whether names of this kind must be DNS labels (else DNS subdomains). */
    default boolean nameIsDnsLabel() {
        return false;
    }

    /** Whether names of this kind need only be path segments (RBAC's {@code system:...} names). */
    default boolean nameIsPathSegment() {
        return false;
    }

    /**
     * The propagation policy of a delete that names none ({@code DefaultGarbageCollectionPolicy}): Background for
     * nearly every kind; a kind whose API server strategy orphans by default says Orphan.
     */
    default String defaultGarbageCollectionPolicy() {
        return "Background";
    }
}
