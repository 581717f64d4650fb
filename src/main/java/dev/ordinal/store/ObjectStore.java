package dev.ordinal.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reads and writes a controller's executor makes, with {@link ResourceStore}'s contract: reads come from the
 * informer cache (possibly a few milliseconds behind); {@code create} fills in identity and versions and answers
 * 409 AlreadyExists for a taken name; {@code update} answers 409 Conflict for a stale resourceVersion and 404 for a
 * missing object; {@code modify} re-reads and retries on conflicts and is empty when the object is gone;
 * {@code delete} honours finalizers, graceful pod deletion and uid/resourceVersion preconditions (409 when they fail).
 * {@link ResourceStore} is the implementation the application runs; tests drive executors over an in-memory one, as
 * Kubernetes' controller tests drive the real pod control over a fake client.
 */
public interface ObjectStore {

    Optional<ObjectNode> find(ResourceType type, String namespace, String name);

    List<ObjectNode> list(ResourceType type, String namespace);

    ObjectNode create(ResourceType type, String namespace, ObjectNode input);

    ObjectNode update(ResourceType type, String namespace, String name, ObjectNode input, boolean statusOnly);

    Optional<ObjectNode> modify(ResourceType type, String namespace, String name, boolean statusOnly,
                                Consumer<ObjectNode> change);

    ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options);

    /**
     * Runs {@code steps}, writes of this store, so that they commit together while each still fails alone (see
     * {@link ResourceStore#writeInSteps}); a store without transactions just runs them.
     */
    default void writeInSteps(Runnable steps) {
        steps.run();
    }
}
