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

    /** One create of {@link #createAll}: what to create, and whether a name already taken lets the next ones go on. */
    record Create(ResourceType type, String namespace, ObjectNode object, boolean existsOk) {
    }

    /** What one create of {@link #createAll} came to: the object as stored, or what {@code create} threw. */
    record Created(ObjectNode stored, RuntimeException failure) {
        /** The object as stored, or the exception {@code create} would have thrown. */
        public ObjectNode get() {
            if (failure != null) {
                throw failure;
            }
            return stored;
        }

        static boolean goesOn(Create c, RuntimeException failure) {
            return failure == null || (c.existsOk() && failure instanceof dev.ordinal.core.ApiException e
                    && "AlreadyExists".equals(e.reason()));
        }
    }

    /**
     * Creates the objects in order, each as {@link #create} would, and answers what each came to; the creates after
     * the first that fails are not tried (the answer is shorter), as a controller stops at its first failed create,
     * except after a name already taken when that create is {@code existsOk}. {@link ResourceStore} sends them in
     * one round trip when they are a step of a group ({@link #writeInSteps}).
     */
    default List<Created> createAll(List<Create> creates) {
        List<Created> out = new java.util.ArrayList<>();
        for (Create c : creates) {
            RuntimeException failure = null;
            ObjectNode stored = null;
            try {
                stored = create(c.type(), c.namespace(), c.object());
            } catch (RuntimeException e) {
                failure = e;
            }
            out.add(new Created(stored, failure));
            if (!Created.goesOn(c, failure)) {
                break;
            }
        }
        return out;
    }

    /**
     * Runs {@code steps}, writes of this store, so that they commit together while each still fails alone (see
     * {@link ResourceStore#writeInSteps}); a store without transactions just runs them.
     */
    default void writeInSteps(Runnable steps) {
        steps.run();
    }

    /**
     * Runs {@code action} once the writes of the current group of steps ({@link #writeInSteps}) have committed, or
     * never if they do not; outside a group, at once. For what must not tell of writes before they can be seen, as
     * Kubernetes' controllers record an event only after the request it tells of returned.
     */
    default void afterSteps(Runnable action) {
        action.run();
    }
}
