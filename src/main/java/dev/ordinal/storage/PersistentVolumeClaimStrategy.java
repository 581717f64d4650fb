package dev.ordinal.storage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.ClaimSpecs;
import dev.ordinal.api.validation.Quantity;
import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PersistentVolumeClaim defaults, the DefaultStorageClass admission step, ValidatePersistentVolumeClaim and the
 * update rule that leaves a claim's spec immutable except its storage request (bound claims), the volume name (set
 * once by the binder) and a class assigned later to a claim that had none.
 */
@Component
public class PersistentVolumeClaimStrategy implements KindStrategy {
    /** The annotation that marks the default StorageClass. */
    public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    static final String IMMUTABLE = "spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims";
    private final ObjectProvider<ResourceStore> store;

    public PersistentVolumeClaimStrategy(ObjectProvider<ResourceStore> store) {
        this.store = store;
    }

    @Override
    public ResourceType type() {
        return ResourceTypes.PERSISTENT_VOLUME_CLAIM;
    }

    /** Sets {@code spec.volumeMode: Filesystem}. */
    @Override
    public void defaults(ObjectNode obj) {
        ClaimSpecs.defaults(Json.with(obj, "spec"));
    }

    /**
     * On create only: the status starts as {@code {phase: Pending}}, and a claim without {@code storageClassName}
     * (absent, not "") gets the default StorageClass, as the DefaultStorageClass admission plugin does; and the
     * finalizer {@code kubernetes.io/pvc-protection}, as the StorageObjectInUseProtection admission plugin adds it at
     * create time (here rather than in {@link #defaults}, which updates run too and would put a removed finalizer back).
     */
    @Override
    public void initialStatus(ObjectNode obj) {
        addFinalizer(obj, ClaimBinderReconciler.PVC_PROTECTION);
        ObjectNode spec = Json.with(obj, "spec");
        JsonNode cls = spec.get("storageClassName");
        if (cls == null || cls.isNull()) {
            String def = defaultClass();
            if (def != null) {
                spec.put("storageClassName", def);
            }
        }
        ObjectNode status = Json.with(obj, "status");
        if (Values.text(status.path("phase")).isEmpty()) {
            status.put("phase", "Pending");
        }
    }

    /**
     * The name of the default StorageClass: among classes annotated {@code is-default-class: "true"}, the newest
     * (then the alphabetically first), as Kubernetes picks; null when there is none.
     */
    String defaultClass() {
        ResourceStore s = store.getIfAvailable();
        if (s == null) {
            return null;
        }
        ObjectNode best = null;
        for (ObjectNode sc : s.list(ResourceTypes.STORAGE_CLASS, null)) {
            String a = Json.annotation(sc, DEFAULT_CLASS_ANNOTATION);
            if (!"true".equals(a)) {
                continue;
            }
            if (best == null) {
                best = sc;
                continue;
            }
            String t = Json.strOr(sc, "", "metadata", "creationTimestamp");
            String bt = Json.strOr(best, "", "metadata", "creationTimestamp");
            if (t.compareTo(bt) > 0) {
                best = sc;
            }
        }
        return best == null ? null : Json.name(best);
    }

    /** ValidatePersistentVolumeClaimSpec at {@code spec}. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return ClaimSpecs.validate(obj.path("spec"), "spec", "PersistentVolumeClaim");
    }

    /** The create rules, then ValidatePersistentVolumeClaimUpdate's immutability and shrink rules. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        JsonNode newSpec = obj.path("spec");
        JsonNode oldSpec = old.path("spec");
        if (!newSpec.isObject() || !oldSpec.isObject()) {
            return errs;
        }
        ObjectNode newClone = (ObjectNode) newSpec.deepCopy();
        ObjectNode oldClone = (ObjectNode) oldSpec.deepCopy();
        if (Values.text(oldSpec.path("volumeName")).isEmpty()) {
            copy(newClone, oldClone, "volumeName");
        }
        JsonNode oldCls = oldSpec.get("storageClassName");
        if (oldCls == null || oldCls.isNull()) {
            copy(newClone, oldClone, "storageClassName");
        }
        boolean bound = "Bound".equals(Json.str(obj, "status", "phase"));
        if (bound) {
            copy(newClone, oldClone, "volumeAttributesClassName");
            JsonNode newRequests = newClone.path("resources").path("requests");
            if (newRequests.isObject() && newRequests.has("storage")) {
                ObjectNode oldRequests = Json.with(oldClone, "resources", "requests");
                oldRequests.set("storage", newRequests.get("storage").deepCopy());
            }
        }
        if (!newClone.equals(oldClone)) {
            errs.add(FieldError.forbidden("spec", IMMUTABLE));
        }
        JsonNode newSize = newSpec.path("resources").path("requests").path("storage");
        JsonNode oldSize = oldSpec.path("resources").path("requests").path("storage");
        if (bound && Quantity.compare(newSize, oldSize) < 0) {
            BigDecimal capacity = Quantity.parse(old.path("status").path("capacity").path("storage"));
            BigDecimal requested = Quantity.parse(newSize);
            if (capacity == null || requested == null || requested.compareTo(capacity) <= 0) {
                errs.add(FieldError.forbidden("spec.resources.requests.storage",
                        "field can not be less than status.capacity"));
            }
        }
        return errs;
    }

    /** Adds {@code finalizer} to the object's finalizers unless it is there already. */
    static void addFinalizer(ObjectNode obj, String finalizer) {
        List<String> finalizers = new ArrayList<>(Json.strings(obj, "metadata", "finalizers"));
        if (!finalizers.contains(finalizer)) {
            finalizers.add(finalizer);
            Json.meta(obj).set("finalizers", Json.stringArray(finalizers));
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    /** Status updates: the phase must be Pending, Bound or Lost. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return Values.oneOf(obj.path("status").path("phase"), "status.phase", "Bound", "Lost", "Pending");
    }
}
