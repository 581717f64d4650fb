package dev.ordinal.core;

import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the {@link KindStrategy} of each kind in the {@link KindRegistry}; kinds without one get plain behaviour. The
 * strategy handed out runs the {@link AdmissionPlugin}s after a create's own validation found nothing wrong.
 */
@Component
public class KindStrategies {
    private final KindRegistry kinds;
    private final List<AdmissionPlugin> admission;

    public KindStrategies(KindRegistry kinds, List<AdmissionPlugin> admission) {
        this.kinds = kinds;
        this.admission = List.copyOf(admission);
    }

    public KindStrategy of(ResourceType type) {
        KindStrategy kind = kinds.find(type.group(), type.version(), type.kind())
                .map(KindDefinition::strategy).orElse(() -> type);
        return admission.isEmpty() ? kind : new Admitting(kind, admission);
    }

    /**
     * The kind whose objects a served type reads and writes: the type itself, or the stored kind of a view (a CRD's
     * version other than its storage version).
     */
    public ResourceType storage(ResourceType type) {
        return kinds.find(type.group(), type.version(), type.kind()).flatMap(KindDefinition::storedAs).orElse(type);
    }

    /** Whether an admission plugin writes when it admits a create of {@code type} in {@code namespace}. */
    public boolean admissionWrites(ResourceType type, String namespace) {
        return admission.stream().anyMatch(p -> p.writesOnAdmit(type, namespace));
    }

    /** The definition of a registered kind. */
    public KindDefinition definition(ResourceType type) {
        return kinds.get(type);
    }

    /**
     * A kind's strategy whose create validation ends with admission. It must delegate every method of
     * {@link KindStrategy}, or the kind's own behaviour is lost behind the interface's default
     * ({@code KindStrategiesTest} checks it does).
     */
    private record Admitting(KindStrategy kind, List<AdmissionPlugin> plugins) implements KindStrategy {
        @Override
        public ResourceType type() {
            return kind.type();
        }

        @Override
        public void defaults(ObjectNode obj) {
            kind.defaults(obj);
        }

        @Override
        public boolean resetStatusOnCreate() {
            return kind.resetStatusOnCreate();
        }

        @Override
        public void initialStatus(ObjectNode obj) {
            kind.initialStatus(obj);
        }

        @Override
        public List<FieldError> validate(ObjectNode obj) {
            List<FieldError> errors = kind.validate(obj);
            if (errors.isEmpty()) {
                plugins.forEach(p -> p.admitCreate(kind.type(), obj));
            }
            return errors;
        }

        @Override
        public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
            return kind.validateUpdate(obj, old);
        }

        @Override
        public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
            return kind.validateStatus(obj, old);
        }

        @Override
        public boolean nameIsDnsLabel() {
            return kind.nameIsDnsLabel();
        }

        @Override
        public boolean nameIsPathSegment() {
            return kind.nameIsPathSegment();
        }

        @Override
        public String defaultGarbageCollectionPolicy() {
            return kind.defaultGarbageCollectionPolicy();
        }

        @Override
        public void validateDelete(ObjectNode obj) {
            kind.validateDelete(obj);
        }

        @Override
        public long gracePeriodSeconds(ObjectNode obj, Long requested) {
            return kind.gracePeriodSeconds(obj, requested);
        }

        @Override
        public boolean heldOnDelete(ObjectNode obj) {
            return kind.heldOnDelete(obj);
        }

        @Override
        public boolean readyToRemove(ObjectNode obj) {
            return kind.readyToRemove(obj);
        }
    }
}
