package dev.ordinal.storage;

import static dev.ordinal.api.table.Columns.NAME_DOC;
import static dev.ordinal.api.table.Columns.UNSET;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.wide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The Table columns of PersistentVolumeClaim, PersistentVolume, StorageClass and VolumeAttachment, as Kubernetes' printers
 * (pkg/printers/internalversion) print them; the kind's definition carries them.
 */
final class StorageColumns {
    private StorageColumns() {
    }

    static List<Column> persistentVolumeClaim() {
        return List.of(name(),
                col("Status", "phase represents the current phase of PersistentVolumeClaim.",
                        (o, now) -> Json.isTerminating(o) ? "Terminating" : Json.strOr(o, "", "status", "phase")),
                col("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim.",
                        (o, now) -> Json.strOr(o, "", "spec", "volumeName")),
                col("Capacity", "capacity represents the actual resources of the underlying volume.",
                        (o, now) -> bound(o) ? Json.strOr(o, "", "status", "capacity", "storage") : ""),
                col("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has.",
                        (o, now) -> bound(o) ? accessModes(Json.strings(o, "status", "accessModes")) : ""),
                col("StorageClass", "StorageClass of the pvc", (o, now) -> storageClassOf(o)),
                col("VolumeAttributesClass", "VolumeAttributesClass of the pvc",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeAttributesClassName")),
                age(),
                wide("VolumeMode", "volumeMode defines what type of volume is required by the claim.",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeMode")));
    }

    private static boolean bound(JsonNode claim) {
        return !Json.strOr(claim, "", "spec", "volumeName").isEmpty();
    }

    static List<Column> persistentVolume() {
        return List.of(name(),
                col("Capacity", "capacity is the description of the persistent volume's resources and capacity.",
                        (o, now) -> Json.strOr(o, "", "spec", "capacity", "storage")),
                col("Access Modes", "accessModes contains all ways the volume can be mounted.",
                        (o, now) -> accessModes(Json.strings(o, "spec", "accessModes"))),
                col("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.",
                        (o, now) -> Json.strOr(o, "", "spec", "persistentVolumeReclaimPolicy")),
                col("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim.",
                        (o, now) -> Json.isTerminating(o) ? "Terminating" : Json.strOr(o, "", "status", "phase")),
                col("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.",
                        (o, now) -> Json.at(o, "spec", "claimRef").isObject()
                                ? Json.strOr(o, "", "spec", "claimRef", "namespace") + "/" + Json.strOr(o, "", "spec", "claimRef", "name")
                                : ""),
                col("StorageClass", "StorageClass of the pv", (o, now) -> storageClassOf(o)),
                col("VolumeAttributesClass", "VolumeAttributesClass of the pv",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeAttributesClassName")),
                col("Reason", "reason is a brief CamelCase string that describes any failure.",
                        (o, now) -> Json.strOr(o, "", "status", "reason")),
                age(),
                wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeMode")));
    }

    private static String storageClassOf(JsonNode o) {
        String cls = Json.str(o, "spec", "storageClassName");
        if (cls != null) {
            return cls;
        }
        return Json.strOr(o, "", "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
    }

    /** Access modes abbreviated in Kubernetes' fixed order: RWO, ROX, RWX, RWOP, comma-separated, each once. */
    static String accessModes(List<String> modes) {
        List<String> out = new ArrayList<>();
        String[][] order = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
                {"ReadWriteOncePod", "RWOP"}};
        for (String[] m : order) {
            if (modes.contains(m[0])) {
                out.add(m[1]);
            }
        }
        return String.join(",", out);
    }

    static List<Column> storageClass() {
        return List.of(
                new Column("Name", "string", "name", NAME_DOC, 0, (o, now) -> {
                    Map<String, String> a = Json.annotations(o);
                    boolean isDefault = "true".equals(a.get("storageclass.kubernetes.io/is-default-class"))
                            || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class"));
                    return isDefault ? Json.name(o) + " (default)" : Json.name(o);
                }),
                col("Provisioner", "provisioner indicates the type of the provisioner.",
                        (o, now) -> Json.strOr(o, "", "provisioner")),
                col("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.",
                        (o, now) -> Json.strOr(o, "Delete", "reclaimPolicy")),
                col("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.",
                        (o, now) -> Json.strOr(o, "Immediate", "volumeBindingMode")),
                col("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand.",
                        (o, now) -> Boolean.toString(Json.bool(o, "allowVolumeExpansion"))),
                age());
    }

    static List<Column> volumeAttachment() {
        return List.of(name(),
                col("Attacher", "Attacher indicates the name of the volume driver that MUST handle this request.",
                        (o, now) -> Json.strOr(o, "", "spec", "attacher")),
                col("PV", "Name of the persistent volume to attach.",
                        (o, now) -> Json.strOr(o, "", "spec", "source", "persistentVolumeName")),
                col("Node", "The node that the volume should be attached to.",
                        (o, now) -> Json.strOr(o, "", "spec", "nodeName")),
                new Column("Attached", "boolean", "", "Indicates the volume is successfully attached.", 0,
                        (o, now) -> Json.bool(o, "status", "attached")),
                age());
    }
}
