package dev.ordinal.core;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * What is special about one kind on the write path: its defaults, its validation, how status behaves and how a delete
 * proceeds (graceful deletion). One bean per kind; kinds without a bean get {@link #DEFAULT}'s behaviour.
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

    /**
     * Refuses the deletion of {@code obj} by throwing an {@link ApiException}, before anything is written; by default
     * every object may be deleted (Namespace refuses its system namespaces, as Kubernetes' NamespaceLifecycle does).
     */
    default void validateDelete(ObjectNode obj) {
    }

    /**
     * The grace period of a delete ({@code CheckGracefulDelete}), in seconds: while it runs the object is kept, marked
     * with deletionTimestamp. By default 0, removed at once unless finalizers hold it; a pod bound to a node that has
     * not finished gets one.
     *
     * @param requested the grace period the DeleteOptions ask for, or null
     */
    default long gracePeriodSeconds(ObjectNode obj, Long requested) {
        return 0;
    }

    /**
     * Whether a delete keeps the object, marked with deletionTimestamp, for a reason of the kind's own besides
     * {@code metadata.finalizers} and a grace period; by default never (a Namespace with {@code spec.finalizers}
     * waits for the namespace controller to empty it).
     */
    default boolean heldOnDelete(ObjectNode obj) {
        return false;
    }

    /**
     * Whether an object being deleted whose {@code metadata.finalizers} are all gone is removed by this write; by
     * default yes (a pod only once its grace period is zero, a Namespace once its {@code spec.finalizers} are empty).
     */
    default boolean readyToRemove(ObjectNode obj) {
        return true;
    }
}
