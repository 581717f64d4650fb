package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ordinal.api.ApiException;
import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.controller.Pods;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claim side of Kubernetes' PersistentVolume controller plus pvc-protection: binds a pending claim to the
 * smallest matching Available volume or provisions {@code pvc-<claim uid>} from its StorageClass, waits for the first
 * consumer where the class says so, marks a bound claim Lost when its volume disappears, and lets a deleted claim go
 * only when no pod uses it any more.
 */
@Component
public class ClaimBinderReconciler implements Reconciler {
    static final String COMPONENT = "persistentvolume-controller";
    public static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    public static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    public static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    public static final String PROVISIONER_ANNOTATION = "volume.kubernetes.io/storage-provisioner";
    public static final String BETA_PROVISIONER_ANNOTATION = "volume.beta.kubernetes.io/storage-provisioner";

    private final ResourceStore store;
    private final EventRecorder events;
    private final VolumeProvisioner provisioner;

    public ClaimBinderReconciler(ResourceStore store, EventRecorder events, VolumeProvisioner provisioner) {
        this.store = store;
        this.events = events;
        this.provisioner = provisioner;
    }

    @Override
    public String name() {
        return "claim-binder";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.PERSISTENT_VOLUME_CLAIM;
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        List<Key> keys = new ArrayList<>();
        if (event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME_CLAIM)) {
            keys.add(Key.of(event.object()));
        } else if (event.resourceType().equals(ResourceTypes.POD)
                && (event.type().equals("DELETED") || Pods.isTerminated(event.object()))) {
            // A pod going away may release a claim waiting on pvc-protection.
            for (String claim : Pods.claimNames(event.object())) {
                keys.add(new Key(Json.namespace(event.object()), claim));
            }
        } else if (event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME)) {
            JsonNode ref = Json.at(event.object(), "spec", "claimRef");
            if (ref.isObject() && Json.str(ref, "name") != null) {
                keys.add(new Key(Json.strOr(ref, "", "namespace"), Json.str(ref, "name")));
            }
        }
        return keys;
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), key.name());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        ObjectNode claim = found.get();
        if (Json.isTerminating(claim)) {
            return protect(claim);
        }
        String volumeName = Json.str(claim, "spec", "volumeName");
        if ("yes".equals(Json.annotation(claim, BIND_COMPLETED)) && volumeName != null) {
            return checkBound(claim, volumeName);
        }
        if (volumeName != null && !volumeName.isEmpty()) {
            return bindToRequested(claim, volumeName);
        }
        return bindOrProvision(claim);
    }

    private Result protect(ObjectNode claim) {
        if (!ResourceStore.finalizers(claim).contains(PVC_PROTECTION)) {
            return Result.DONE;
        }
        boolean inUse = store.cache().podsUsingClaim(Json.namespace(claim), Json.name(claim)).stream()
                .anyMatch(p -> Pods.usesVolumes(p) && Pods.claimNames(p).contains(Json.name(claim)));
        if (inUse) {
            return Result.DONE; // Pod changes wake us up again.
        }
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), false, c -> {
            List<String> rest = ResourceStore.finalizers(c).stream().filter(f -> !f.equals(PVC_PROTECTION)).toList();
            if (rest.isEmpty()) {
                Json.meta(c).remove("finalizers");
            } else {
                Json.meta(c).set("finalizers", Json.stringArray(rest));
            }
        });
        return Result.DONE;
    }

    private Result checkBound(ObjectNode claim, String volumeName) {
        Optional<ObjectNode> pv = store.find(ResourceTypes.PERSISTENT_VOLUME, null, volumeName);
        if (pv.isEmpty() || !Json.uid(claim).equals(Json.str(pv.get(), "spec", "claimRef", "uid"))) {
            if (!"Lost".equals(Json.str(claim, "status", "phase"))) {
                setPhase(claim, "Lost");
                events.record(claim, EventRecorder.WARNING, "ClaimLost",
                        "Bound claim has lost its PersistentVolume. Data on the volume is lost!", COMPONENT);
            }
            return Result.DONE;
        }
        if (!"Bound".equals(Json.str(claim, "status", "phase"))) {
            completeClaim(claim, pv.get());
        }
        return Result.DONE;
    }

    private Result bindToRequested(ObjectNode claim, String volumeName) {
        Optional<ObjectNode> pv = store.find(ResourceTypes.PERSISTENT_VOLUME, null, volumeName);
        if (pv.isEmpty()) {
            return Result.DONE; // Stays Pending until the volume appears (its creation wakes us).
        }
        JsonNode ref = Json.at(pv.get(), "spec", "claimRef");
        if (ref.isObject() && !VolumeMatcher.refersTo(ref, claim)) {
            events.record(claim, EventRecorder.WARNING, "FailedBinding",
                    "volume \"" + volumeName + "\" already bound to a different claim.", COMPONENT);
            return Result.DONE;
        }
        String mismatch = VolumeMatcher.mismatch(pv.get(), claim);
        if (mismatch != null) {
            events.record(claim, EventRecorder.WARNING, "VolumeMismatch",
                    "Cannot bind to requested volume \"" + volumeName + "\": " + mismatch, COMPONENT);
            return Result.DONE;
        }
        bind(claim, pv.get(), false);
        return Result.DONE;
    }

    private Result bindOrProvision(ObjectNode claim) {
        String className = Json.str(claim, "spec", "storageClassName");
        Optional<ObjectNode> storageClass = className == null || className.isEmpty() ? Optional.empty()
                : store.find(ResourceTypes.STORAGE_CLASS, null, className);
        boolean delayBinding = storageClass.map(sc -> "WaitForFirstConsumer".equals(Json.str(sc, "volumeBindingMode")))
                .orElse(false);
        String selectedNode = Json.annotation(claim, dev.ordinal.controller.Claims.SELECTED_NODE);
        Optional<ObjectNode> match = VolumeMatcher.bestMatch(
                store.cache().volumesFor(Json.namespace(claim), Json.name(claim)), claim,
                delayBinding && selectedNode == null);
        if (match.isPresent()) {
            bind(claim, match.get(), true);
            return Result.DONE;
        }
        if (delayBinding && selectedNode == null) {
            events.record(claim, EventRecorder.NORMAL, "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding", COMPONENT);
            return Result.DONE;
        }
        if (className == null || className.isEmpty()) {
            events.record(claim, EventRecorder.NORMAL, "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set", COMPONENT);
            return Result.DONE;
        }
        if (storageClass.isEmpty()) {
            events.record(claim, EventRecorder.WARNING, "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + className + "\" not found", COMPONENT);
            return Result.DONE;
        }
        ObjectNode pv = provisioner.provision(claim, storageClass.get(), selectedNode);
        bind(store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim)).orElse(claim),
                pv, true);
        return Result.DONE;
    }

    /** Binds both sides: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
    private void bind(ObjectNode claim, ObjectNode pv, boolean byController) {
        ObjectNode boundPv = store.modify(ResourceTypes.PERSISTENT_VOLUME, null, Json.name(pv), false, v -> {
            ObjectNode ref = Json.with(v, "spec", "claimRef");
            ref.put("kind", "PersistentVolumeClaim");
            ref.put("namespace", Json.namespace(claim));
            ref.put("name", Json.name(claim));
            ref.put("uid", Json.uid(claim));
            ref.put("apiVersion", "v1");
            ref.put("resourceVersion", Json.str(claim, "metadata", "resourceVersion"));
            if (byController) {
                Json.setAnnotation(v, BOUND_BY_CONTROLLER, "yes");
            }
        }).orElseThrow(() -> ApiException.notFound(ResourceTypes.PERSISTENT_VOLUME, Json.name(pv)));
        store.modify(ResourceTypes.PERSISTENT_VOLUME, null, Json.name(pv), true,
                v -> Json.with(v, "status").put("phase", "Bound"));
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), false, c -> {
            Json.with(c, "spec").put("volumeName", Json.name(boundPv));
            Json.setAnnotation(c, BIND_COMPLETED, "yes");
            if (byController) {
                Json.setAnnotation(c, BOUND_BY_CONTROLLER, "yes");
            }
        }).ifPresent(c -> completeClaim(c, boundPv));
    }

    private void completeClaim(ObjectNode claim, ObjectNode pv) {
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), true, c -> {
            ObjectNode st = Json.with(c, "status");
            st.put("phase", "Bound");
            st.set("accessModes", Json.at(pv, "spec", "accessModes").deepCopy());
            st.set("capacity", Json.at(pv, "spec", "capacity").deepCopy());
        });
    }

    private void setPhase(ObjectNode claim, String phase) {
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), true,
                c -> Json.with(c, "status").put("phase", phase));
    }
}
