package dev.ordinal.controller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which volume is attached to which node, as {@code storage.k8s.io/v1} VolumeAttachment objects written through the
 * store, the way Kubernetes' attach/detach controller and the CSI external attacher record them: one object per
 * (volume, node), named {@code csi-<sha256(volume + attacher + node)>}, {@code status.attached} true once attached.
 * A read-write-once volume is attached to at most one node: its attachments carry
 * {@value #EXCLUSIVE_ANNOTATION} and the database's unique index {@code volume_attached_to_one_node} refuses a
 * second one whatever the callers race to do.
 */
@Service
public class VolumeAttachments {
    /** Marks the attachment of a volume that may be attached to one node only (ReadWriteOnce, ReadWriteOncePod). */
    public static final String EXCLUSIVE_ANNOTATION = "ordinal.dev/exclusive-attach";
    /** The CSI driver of the simulated provisioner, the attacher of volumes that name no driver. */
    public static final String SIMULATED_DRIVER = "ordinal.dev/simulated";

    private final ResourceStore store;

    public VolumeAttachments(ResourceStore store) {
        this.store = store;
    }

    /** The outcome of an attach: newly attached, already attached there, or refused (attached elsewhere). */
    public enum Attach { ATTACHED, ALREADY_ATTACHED, REFUSED }

    /** One volume attached to one node. */
    public record Attachment(String volume, String node, Instant attachedAt) {
    }

    /**
     * Attaches {@code volume} to {@code node}. An exclusive (read-write-once) volume already attached to another node
     * is refused; otherwise it is attached, or was already. Decided on a consistent read (every committed write
     * seen), as the attach/detach controller's actual state of the world is.
     */
    public Attach attach(String volume, String node, boolean exclusive) {
        List<String> nodes = nodesOf(volume);
        if (nodes.contains(node)) {
            return Attach.ALREADY_ATTACHED;
        }
        if (exclusive && !nodes.isEmpty()) {
            // Refused only on a view as fresh as the database (a detach may have just committed); attaching needs
            // no such wait: a stale view only costs the 409 below.
            store.awaitLatest();
            nodes = nodesOf(volume);
            if (nodes.contains(node)) {
                return Attach.ALREADY_ATTACHED;
            }
            if (!nodes.isEmpty()) {
                return Attach.REFUSED;
            }
        }
        String attacher = attacherOf(volume);
        String name = attachmentName(volume, attacher, node);
        ObjectNode attachment = newAttachment(name, volume, attacher, node, exclusive);
        try {
            // The attach/detach controller's create and the external attacher's status report commit together.
            store.writeInSteps(() -> {
                ObjectNode created = store.create(ResourceTypes.VOLUME_ATTACHMENT, null, attachment);
                Json.with(created, "status").put("attached", true);
                WriteOutcome.of(() -> store.update(ResourceTypes.VOLUME_ATTACHMENT, null, name, created, true));
            });
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            // Raced: the same attachment made by another worker, or the unique index refused a second node.
            store.awaitLatest();
            return nodesOf(volume).contains(node) ? Attach.ALREADY_ATTACHED : Attach.REFUSED;
        }
        return Attach.ATTACHED;
    }

    /**
     * The VolumeAttachment definition's cache index by node: a node's attachments are read without looking at every
     * other node's (a controller asks once per pod change, so a scan would make a fleet quadratic).
     */
    public static final ObjectIndex BY_NODE = ObjectIndex.single("spec.nodeName", va -> Json.str(va, "spec", "nodeName"));
    /** The VolumeAttachment definition's cache index by the persistent volume attached. */
    public static final ObjectIndex BY_VOLUME = ObjectIndex.single("spec.source.persistentVolumeName",
            VolumeAttachments::volumeOf);

    /**
     * The PersistentVolume definition's cache index by the unique name Kubernetes gives a CSI volume, {@code
     * kubernetes.io/csi/<driver>^<handle>} (none for a volume without a CSI driver).
     */
    public static final ObjectIndex UNIQUE_NAME = ObjectIndex.single("csi.uniqueName",
            pv -> Json.str(pv, "spec", "csi", "driver") == null ? null
                    : "kubernetes.io/csi/" + Json.str(pv, "spec", "csi", "driver") + "^"
                    + Json.strOr(pv, Json.name(pv), "spec", "csi", "volumeHandle"));

    /** The nodes the volume is attached to, by name. */
    public List<String> nodesOf(String volume) {
        return store.cache().readByIndex(ResourceTypes.VOLUME_ATTACHMENT, BY_VOLUME, volume,
                va -> Json.str(va, "spec", "nodeName")).stream().sorted().toList();
    }

    /** The volumes attached to the node, by name (from the cache's index keys: no attachment is parsed). */
    public List<String> volumesOn(String node) {
        return store.cache().indexValuesByIndex(ResourceTypes.VOLUME_ATTACHMENT, BY_NODE, node, BY_VOLUME).stream()
                .flatMap(List::stream).sorted().toList();
    }

    /** Every attachment of a persistent volume, ordered by node then volume. */
    public List<Attachment> all() {
        return store.list(ResourceTypes.VOLUME_ATTACHMENT, null).stream()
                .filter(va -> volumeOf(va) != null && Json.str(va, "spec", "nodeName") != null)
                .map(va -> new Attachment(volumeOf(va), Json.str(va, "spec", "nodeName"),
                        Json.parseTime(Json.str(va, "metadata", "creationTimestamp"))))
                .sorted(java.util.Comparator.comparing(Attachment::node).thenComparing(Attachment::volume))
                .toList();
    }

    /** Detaches the volume from the node (deletes its attachment); nothing when it is not attached there. */
    public void detach(String volume, String node) {
        deleteWhere(volume, node);
    }

    /** Detaches the volume from every node. */
    public void detachEverywhere(String volume) {
        deleteWhere(volume, null);
    }

    private void deleteWhere(String volume, String node) {
        for (ObjectNode va : store.cache().byIndex(ResourceTypes.VOLUME_ATTACHMENT, BY_VOLUME, volume)) {
            if (volume.equals(volumeOf(va)) && (node == null || node.equals(Json.str(va, "spec", "nodeName")))) {
                try {
                    store.delete(ResourceTypes.VOLUME_ATTACHMENT, null, Json.name(va),
                            new DeleteOptions(null, null, Json.uid(va), null));
                } catch (ApiException e) {
                    if (e.code() != 404 && e.code() != 409) {
                        throw e;
                    }
                }
            }
        }
    }

    /** A volume's unique name as Kubernetes writes a CSI volume's: {@code kubernetes.io/csi/<driver>^<handle>}. */
    public String uniqueName(String volume) {
        // From the index keys: a node's status lists a unique name per attached volume, so nothing is parsed.
        List<String> name = store.cache().indexValues(ResourceTypes.PERSISTENT_VOLUME, "", volume, UNIQUE_NAME);
        return name.isEmpty() ? "kubernetes.io/csi/" + SIMULATED_DRIVER + "^" + volume : name.get(0);
    }

    /** The persistent volume an attachment attaches, or null. */
    public static String volumeOf(JsonNode attachment) {
        return Json.str(attachment, "spec", "source", "persistentVolumeName");
    }

    /** RWO and RWOP volumes attach to one node; ReadWriteMany or ReadOnlyMany attach anywhere. */
    public static boolean isMultiAttachForbidden(JsonNode pv) {
        List<String> modes = Json.strings(pv, "spec", "accessModes");
        return !modes.isEmpty() && !modes.contains("ReadWriteMany") && !modes.contains("ReadOnlyMany");
    }

    /** Kubernetes' attachment name ({@code getAttachmentName}): {@code csi-} and the sha256 of volume, attacher, node. */
    static String attachmentName(String volume, String attacher, String node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((volume + attacher + node).getBytes(StandardCharsets.UTF_8));
            return "csi-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String attacherOf(String volume) {
        return store.cache().get(ResourceTypes.PERSISTENT_VOLUME, "", volume)
                .map(pv -> Json.str(pv, "spec", "csi", "driver")).orElse(SIMULATED_DRIVER);
    }

    private static ObjectNode newAttachment(String name, String volume, String attacher, String node, boolean exclusive) {
        ObjectNode va = Json.object();
        va.put("apiVersion", ResourceTypes.VOLUME_ATTACHMENT.apiVersion());
        va.put("kind", ResourceTypes.VOLUME_ATTACHMENT.kind());
        Json.meta(va).put("name", name);
        if (exclusive) {
            Json.setAnnotation(va, EXCLUSIVE_ANNOTATION, "true");
        }
        ObjectNode spec = va.putObject("spec");
        spec.put("attacher", attacher);
        spec.put("nodeName", node);
        spec.putObject("source").put("persistentVolumeName", volume);
        return va;
    }
}
