package dev.ordinal.storage;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated dynamic provisioner: creates the volume {@code pvc-<claim uid>} a StorageClass promises, with the
 * class's reclaim policy, pre-bound to the claim, and records {@code ProvisioningSucceeded} on the claim.
 */
@Component
public class VolumeProvisioner {
    public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    public static final String PV_PROTECTION = "kubernetes.io/pv-protection";
    private final ResourceStore store;
    private final EventRecorder events;

    public VolumeProvisioner(ResourceStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** Provisions (or finds, if a previous attempt created it) the volume for the claim. */
    public ObjectNode provision(ObjectNode claim, ObjectNode storageClass, String selectedNode) {
        String name = "pvc-" + Json.uid(claim);
        var existing = store.find(ResourceTypes.PERSISTENT_VOLUME, null, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String provisioner = Json.strOr(storageClass, "ordinal.dev/simulated", "provisioner");
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), false, c -> {
            Json.setAnnotation(c, ClaimBinderReconciler.PROVISIONER_ANNOTATION, provisioner);
            Json.setAnnotation(c, ClaimBinderReconciler.BETA_PROVISIONER_ANNOTATION, provisioner);
        });
        ObjectNode pv = Json.object();
        pv.put("apiVersion", "v1");
        pv.put("kind", "PersistentVolume");
        ObjectNode meta = Json.meta(pv);
        meta.put("name", name);
        Json.setAnnotation(pv, PROVISIONED_BY, provisioner);
        Json.setAnnotation(pv, "volume.kubernetes.io/provisioner-deletion-secret-name", "");
        Json.setAnnotation(pv, "volume.kubernetes.io/provisioner-deletion-secret-namespace", "");
        meta.set("finalizers", Json.stringArray(java.util.List.of(PV_PROTECTION)));
        ObjectNode spec = pv.putObject("spec");
        spec.set("accessModes", Json.at(claim, "spec", "accessModes").deepCopy());
        spec.putObject("capacity").put("storage", Json.strOr(claim, "1Gi", "spec", "resources", "requests", "storage"));
        ObjectNode ref = spec.putObject("claimRef");
        ref.put("kind", "PersistentVolumeClaim");
        ref.put("namespace", Json.namespace(claim));
        ref.put("name", Json.name(claim));
        ref.put("uid", Json.uid(claim));
        ref.put("apiVersion", "v1");
        ref.put("resourceVersion", Json.str(claim, "metadata", "resourceVersion"));
        ObjectNode csi = spec.putObject("csi");
        csi.put("driver", provisioner);
        csi.put("volumeHandle", name);
        csi.put("fsType", "ext4");
        spec.put("persistentVolumeReclaimPolicy", Json.strOr(storageClass, "Delete", "reclaimPolicy"));
        spec.put("storageClassName", Json.name(storageClass));
        spec.put("volumeMode", Json.strOr(claim, "Filesystem", "spec", "volumeMode"));
        if (selectedNode != null) {
            ObjectNode term = spec.putObject("nodeAffinity").putObject("required").putArray("nodeSelectorTerms")
                    .addObject();
            ObjectNode expr = term.putArray("matchExpressions").addObject();
            expr.put("key", "kubernetes.io/hostname");
            expr.put("operator", "In");
            expr.putArray("values").add(selectedNode);
        }
        ObjectNode created;
        try {
            created = store.create(ResourceTypes.PERSISTENT_VOLUME, null, pv);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            created = store.get(ResourceTypes.PERSISTENT_VOLUME, null, name);
        }
        events.record(claim, EventRecorder.NORMAL, "ProvisioningSucceeded",
                "Successfully provisioned volume " + name + " using " + provisioner, ClaimBinderReconciler.COMPONENT);
        return created;
    }
}
