package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.node.ObjectNode;

/** PersistentVolumeClaim, PersistentVolume and StorageClass strategies. */
class StorageStrategyTest {

    @SuppressWarnings("unchecked")
    private static PersistentVolumeClaimStrategy claims(List<ObjectNode> classes) {
        ResourceStore store = Mockito.mock(ResourceStore.class);
        Mockito.when(store.list(ResourceTypes.STORAGE_CLASS, null)).thenReturn(classes);
        ObjectProvider<ResourceStore> provider = Mockito.mock(ObjectProvider.class);
        Mockito.when(provider.getIfAvailable()).thenReturn(store);
        return new PersistentVolumeClaimStrategy(provider);
    }

    private static ObjectNode sc(String name, boolean isDefault, String created) {
        ObjectNode o = Json.parse("{\"metadata\":{\"name\":\"" + name + "\",\"creationTimestamp\":\"" + created
                + "\"},\"provisioner\":\"ordinal.dev/simulated\"}");
        if (isDefault) {
            Json.setAnnotation(o, PersistentVolumeClaimStrategy.DEFAULT_CLASS_ANNOTATION, "true");
        }
        return o;
    }

    private static ObjectNode pvc() {
        return Json.parse("""
                {"metadata":{"name":"helloweb-disk"},"spec":{"accessModes":["ReadWriteOnce"],
                 "resources":{"requests":{"storage":"30Gi"}}}}
                """);
    }

    @Test
    void claimGetsVolumeModePendingAndTheDefaultClass() {
        PersistentVolumeClaimStrategy s = claims(List.of(sc("slow", false, "2024-01-01T00:00:00Z"),
                sc("standard", true, "2024-01-01T00:00:00Z"), sc("newer", true, "2025-01-01T00:00:00Z")));
        ObjectNode o = pvc();
        s.defaults(o);
        s.initialStatus(o);
        assertThat(Json.str(o, "spec", "volumeMode")).isEqualTo("Filesystem");
        assertThat(Json.str(o, "spec", "storageClassName")).isEqualTo("newer");
        assertThat(Json.str(o, "status", "phase")).isEqualTo("Pending");
        assertThat(s.validate(o)).isEmpty();

        ObjectNode explicitEmpty = pvc();
        Json.with(explicitEmpty, "spec").put("storageClassName", "");
        s.initialStatus(explicitEmpty);
        assertThat(Json.str(explicitEmpty, "spec", "storageClassName")).isEmpty();

        ObjectNode none = pvc();
        claims(List.of(sc("slow", false, "2024-01-01T00:00:00Z"))).initialStatus(none);
        assertThat(Json.at(none, "spec").has("storageClassName")).isFalse();
    }

    @Test
    void claimSpecRules() {
        PersistentVolumeClaimStrategy s = claims(List.of());
        ObjectNode o = pvc();
        Json.with(o, "spec").putArray("accessModes");
        Json.with(o, "spec").putObject("resources");
        s.defaults(o);
        List<FieldError> errs = s.validate(o);
        assertThat(errs).extracting(FieldError::text).containsExactly(
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value");
        assertThat(errs).extracting(FieldError::field).containsExactly("spec.accessModes", "spec.resources[storage]");
        ObjectNode zero = pvc();
        Json.with(zero, "spec", "resources", "requests").put("storage", "0");
        Json.with(zero, "spec").put("volumeMode", "Tape");
        assertThat(s.validate(zero)).extracting(FieldError::text).containsExactly(
                "spec.resources[storage]: Invalid value: \"0\": must be greater than zero",
                "spec.volumeMode: Unsupported value: \"Tape\": supported values: \"Block\", \"Filesystem\"");
    }

    @Test
    void claimSpecIsImmutableExceptGrowingBoundClaims() {
        PersistentVolumeClaimStrategy s = claims(List.of());
        ObjectNode old = pvc();
        s.defaults(old);
        Json.with(old, "spec").put("storageClassName", "standard");
        Json.with(old, "status").put("phase", "Pending");

        ObjectNode binding = old.deepCopy();
        Json.with(binding, "spec").put("volumeName", "pvc-1");
        assertThat(s.validateUpdate(binding, old)).isEmpty();

        ObjectNode grow = old.deepCopy();
        Json.with(grow, "spec", "resources", "requests").put("storage", "40Gi");
        List<FieldError> errs = s.validateUpdate(grow, old);
        assertThat(errs).extracting(FieldError::text).containsExactly("spec: Forbidden: spec is immutable after "
                + "creation except resources.requests and volumeAttributesClassName for bound claims");

        ObjectNode boundOld = old.deepCopy();
        Json.with(boundOld, "status").put("phase", "Bound");
        Json.with(boundOld, "status", "capacity").put("storage", "30Gi");
        ObjectNode boundGrow = boundOld.deepCopy();
        Json.with(boundGrow, "spec", "resources", "requests").put("storage", "40Gi");
        assertThat(s.validateUpdate(boundGrow, boundOld)).isEmpty();
        ObjectNode shrink = boundOld.deepCopy();
        Json.with(shrink, "spec", "resources", "requests").put("storage", "10Gi");
        assertThat(s.validateUpdate(shrink, boundOld)).extracting(FieldError::text).containsExactly(
                "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");

        ObjectNode modes = old.deepCopy();
        Json.with(modes, "spec").putArray("accessModes").add("ReadWriteMany");
        assertThat(s.validateUpdate(modes, old)).extracting(FieldError::field).containsExactly("spec");
    }

    @Test
    void persistentVolumeDefaultsAndRules() {
        PersistentVolumeStrategy s = new PersistentVolumeStrategy();
        ObjectNode pv = Json.parse("""
                {"metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteOnce"],
                 "hostPath":{"path":"/tmp/pv1"}}}
                """);
        s.defaults(pv);
        s.initialStatus(pv);
        assertThat(Json.str(pv, "spec", "persistentVolumeReclaimPolicy")).isEqualTo("Retain");
        assertThat(Json.str(pv, "spec", "volumeMode")).isEqualTo("Filesystem");
        assertThat(Json.str(pv, "status", "phase")).isEqualTo("Pending");
        assertThat(s.validate(pv)).isEmpty();
        ObjectNode bad = Json.parse("{\"metadata\":{\"name\":\"pv2\"},\"spec\":{\"persistentVolumeReclaimPolicy\":\"Keep\"}}");
        assertThat(s.validate(bad)).extracting(FieldError::text).containsExactly(
                "spec.accessModes: Required value",
                "spec.capacity: Required value",
                "spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"");
        ObjectNode block = pv.deepCopy();
        Json.with(block, "spec").put("volumeMode", "Block");
        assertThat(s.validateUpdate(block, pv)).extracting(FieldError::text).containsExactly(
                "spec.volumeMode: Invalid value: \"Block\": field is immutable");
    }

    @Test
    void storageClassDefaultsAndImmutableFields() {
        StorageClassStrategy s = new StorageClassStrategy();
        ObjectNode sc = Json.parse("{\"metadata\":{\"name\":\"fast\"},\"provisioner\":\"example.com/fast\"}");
        s.defaults(sc);
        assertThat(Json.str(sc, "reclaimPolicy")).isEqualTo("Delete");
        assertThat(Json.str(sc, "volumeBindingMode")).isEqualTo("Immediate");
        assertThat(s.validate(sc)).isEmpty();
        ObjectNode none = Json.parse("{\"metadata\":{\"name\":\"x\"},\"reclaimPolicy\":\"Recycle\"}");
        s.defaults(none);
        assertThat(s.validate(none)).extracting(FieldError::text).containsExactly("provisioner: Required value",
                "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"");
        ObjectNode changed = sc.deepCopy();
        changed.put("provisioner", "example.com/other").put("reclaimPolicy", "Retain")
                .put("volumeBindingMode", "WaitForFirstConsumer");
        changed.putObject("parameters").put("type", "ssd");
        assertThat(s.validateUpdate(changed, sc)).extracting(FieldError::text).containsExactly(
                "parameters: Forbidden: updates to parameters are forbidden.",
                "provisioner: Forbidden: updates to provisioner are forbidden.",
                "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
                "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable");
        ObjectNode annotated = sc.deepCopy();
        Json.setAnnotation(annotated, "a", "b");
        assertThat(s.validateUpdate(annotated, sc)).isEmpty();
    }
}
