package dev.ordinal.pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ordinal.controller.Pods;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The volume side of a simulated kubelet and of the attach/detach controller: a pod's claims must be Bound and their
 * volumes attached to the pod's node before its containers start. A read-write-once volume attached to another node
 * gives the pod Kubernetes' {@code FailedAttachVolume} "Multi-Attach error" event, naming the pods that use it there.
 */
@Component
public class VolumeManager {
    public static final String AD_COMPONENT = "attachdetach-controller";
    private final ResourceStore store;
    private final VolumeAttachments attachments;
    private final EventRecorder events;
    private final java.util.Set<String> multiAttachReported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public VolumeManager(ResourceStore store, VolumeAttachments attachments, EventRecorder events) {
        this.store = store;
        this.attachments = attachments;
        this.events = events;
    }

    /**
     * Attaches the volume the pod needs to its node: Normal {@code SuccessfulAttachVolume} when newly attached; a
     * read-write-once volume attached to another node is refused with Warning {@code FailedAttachVolume} (the
     * Multi-Attach error, reported once per volume and pod, as the attach/detach controller does). Returns whether
     * the volume is attached to the node.
     */
    public boolean attach(ObjectNode pod, String volumeName, String node, boolean exclusive) {
        switch (attachments.attach(volumeName, node, exclusive)) {
            case ATTACHED -> {
                multiAttachReported.remove(volumeName + "|" + Json.uid(pod));
                events.record(pod, EventRecorder.NORMAL, "SuccessfulAttachVolume",
                        "AttachVolume.Attach succeeded for volume \"" + volumeName + "\" ", AD_COMPONENT);
                return true;
            }
            case ALREADY_ATTACHED -> {
                multiAttachReported.remove(volumeName + "|" + Json.uid(pod));
                return true;
            }
            default -> {
                if (multiAttachReported.add(volumeName + "|" + Json.uid(pod))) {
                    events.record(pod, EventRecorder.WARNING, "FailedAttachVolume",
                            multiAttachMessage(pod, volumeName, node), AD_COMPONENT);
                }
                return false;
            }
        }
    }

    /** Forgets what was reported for a pod that is gone. */
    void forget(String podUid) {
        multiAttachReported.removeIf(k -> k.endsWith("|" + podUid));
    }

    /** The attach/detach controller's message, from the pods that use the volume on the nodes holding it. */
    String multiAttachMessage(ObjectNode pod, String volumeName, String node) {
        List<String> otherNodes = attachments.nodesOf(volumeName).stream().filter(n -> !n.equals(node)).toList();
        List<String> sameNamespace = new ArrayList<>();
        int otherNamespaces = 0;
        List<ObjectNode> onOtherNodes = new ArrayList<>();
        otherNodes.forEach(n -> onOtherNodes.addAll(Pods.onNode(store.cache(), n)));
        onOtherNodes.sort(java.util.Comparator.comparing(Json::namespace).thenComparing(Json::name));
        for (ObjectNode p : onOtherNodes) {
            if (!otherNodes.contains(Pods.nodeName(p)) || !Pods.usesVolumes(p) || !usesVolume(p, volumeName)) {
                continue;
            }
            if (Json.namespace(p).equals(Json.namespace(pod))) {
                sameNamespace.add(Json.name(p));
            } else {
                otherNamespaces++;
            }
        }
        return multiAttachMessage(volumeName, sameNamespace, otherNamespaces);
    }

    /**
     * Kubernetes' Multi-Attach message (attach/detach reconciler's {@code reportMultiAttachError}) for a volume used
     * on other nodes by {@code sameNamespacePods} (names, in the waiting pod's namespace) and by
     * {@code otherNamespacePods} pods elsewhere; the "exclusively attached" variant when no pod uses it there.
     */
    static String multiAttachMessage(String volumeName, List<String> sameNamespacePods, int otherNamespacePods) {
        String prefix = "Multi-Attach error for volume \"" + volumeName + "\" ";
        if (sameNamespacePods.isEmpty() && otherNamespacePods == 0) {
            return prefix + "Volume is already exclusively attached to one node and can't be attached to another";
        }
        if (sameNamespacePods.isEmpty()) {
            return prefix + "Volume is already used by " + otherNamespacePods + " pod(s) in different namespaces";
        }
        String msg = prefix + "Volume is already used by pod(s) "
                + String.join(", ", sameNamespacePods.stream().sorted().toList());
        return otherNamespacePods > 0 ? msg + " and " + otherNamespacePods + " pod(s) in different namespaces" : msg;
    }

    /** Whether the pod mounts a claim bound to the volume. */
    boolean usesVolume(JsonNode pod, String volumeName) {
        for (String claimName : Pods.claimNames(pod)) {
            Optional<ObjectNode> claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(pod), claimName);
            if (claim.isPresent() && volumeName.equals(Json.str(claim.get(), "spec", "volumeName"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Detaches the volumes this pod used from its node unless another active pod on that node still uses them.
     * Returns the names of the volumes detached.
     */
    public List<String> release(ObjectNode pod) {
        String node = Pods.nodeName(pod);
        List<String> detached = new ArrayList<>();
        if (node == null) {
            return detached;
        }
        List<ObjectNode> others = Pods.onNode(store.cache(), node).stream()
                .filter(p -> node.equals(Pods.nodeName(p)) && !Json.uid(p).equals(Json.uid(pod)) && Pods.usesVolumes(p))
                .toList();
        for (String claimName : Pods.claimNames(pod)) {
            Optional<ObjectNode> claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(pod), claimName);
            String volumeName = claim.map(c -> Json.str(c, "spec", "volumeName")).orElse(null);
            if (volumeName == null || !attachments.nodesOf(volumeName).contains(node)) {
                continue;
            }
            if (others.stream().noneMatch(p -> usesVolume(p, volumeName))) {
                attachments.detach(volumeName, node);
                detached.add(volumeName);
            }
        }
        return detached;
    }
}
