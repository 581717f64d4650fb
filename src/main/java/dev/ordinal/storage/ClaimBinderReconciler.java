package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ordinal.controller.Claims;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
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

    /**
     * Four: a claim's pass provisions and binds in five writes and a commit that waits for the disk, so a fleet's
     * claims queued behind two workers (Kubernetes binds with one worker but provisions in a separate, external
     * process per driver).
     */
    @Override
    public int workers() {
        return 4;
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
        List<ClaimBinderAction> actions = ClaimBinderPlanner.plan(snapshot(found.get()));
        RuntimeException[] failed = new RuntimeException[1];
        // Provisioning and binding are five writes: one commit, each still failing alone; the first failure ends
        // the pass once what succeeded has committed.
        store.writeInSteps(() -> {
            for (ClaimBinderAction action : actions) {
                try {
                    execute(found.get(), action);
                } catch (RuntimeException e) {
                    failed[0] = e;
                    return;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        return Result.DONE;
    }

    /** What the planner needs about the claim, from the informer cache. */
    private ClaimBinderPlanner.Snapshot snapshot(ObjectNode claim) {
        String ns = Json.namespace(claim);
        if (Json.isTerminating(claim)) {
            boolean inUse = Pods.usingClaim(store.cache(), ns, Json.name(claim)).stream()
                    .anyMatch(p -> Pods.usesVolumes(p) && Pods.claimNames(p).contains(Json.name(claim)));
            return new ClaimBinderPlanner.Snapshot(claim, inUse, null, null, List.of());
        }
        String volumeName = Claims.volumeName(claim);
        ObjectNode requested = volumeName == null || volumeName.isEmpty() ? null
                : store.find(ResourceTypes.PERSISTENT_VOLUME, null, volumeName).orElse(null);
        if (volumeName != null && !volumeName.isEmpty()) {
            return new ClaimBinderPlanner.Snapshot(claim, false, requested, null, List.of());
        }
        String className = Json.str(claim, "spec", "storageClassName");
        ObjectNode storageClass = className == null || className.isEmpty() ? null
                : store.find(ResourceTypes.STORAGE_CLASS, null, className).orElse(null);
        return new ClaimBinderPlanner.Snapshot(claim, false, null, storageClass,
                store.cache().byIndex(ResourceTypes.PERSISTENT_VOLUME, StorageKinds.BY_CLAIM_REF,
                        StorageKinds.claimKey(ns, Json.name(claim)), StorageKinds.UNCLAIMED));
    }

    /** Carries out one action. */
    private void execute(ObjectNode claim, ClaimBinderAction action) {
        if (action instanceof ClaimBinderAction.RemoveProtection) {
            store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim), false, c -> {
                List<String> rest = ResourceStore.finalizers(c).stream().filter(f -> !f.equals(PVC_PROTECTION)).toList();
                if (rest.isEmpty()) {
                    Json.meta(c).remove("finalizers");
                } else {
                    Json.meta(c).set("finalizers", Json.stringArray(rest));
                }
            });
        } else if (action instanceof ClaimBinderAction.MarkLost) {
            setPhase(claim, "Lost");
            events.record(claim, EventRecorder.WARNING, "ClaimLost",
                    "Bound claim has lost its PersistentVolume. Data on the volume is lost!", COMPONENT);
        } else if (action instanceof ClaimBinderAction.Complete c) {
            completeClaim(claim, c.volume());
        } else if (action instanceof ClaimBinderAction.Bind b) {
            bind(claim, b.volume(), b.byController());
        } else if (action instanceof ClaimBinderAction.RecordEvent e) {
            events.record(claim, e.type(), e.reason(), e.message(), COMPONENT);
        } else if (action instanceof ClaimBinderAction.ProvisionAndBind p) {
            ObjectNode pv = provisioner.provision(claim, p.storageClass(), p.selectedNode());
            bind(store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(claim), Json.name(claim))
                    .orElse(claim), pv, true);
        }
    }

    /**
     * Binds both sides: the volume's claimRef and phase, then the claim's volumeName, annotations and status. As
     * Kubernetes' {@code bindVolumeToClaim}, a volume whose claimRef already names the claim (a provisioned one) keeps
     * its spec and gets no bound-by-controller annotation: only its phase is written.
     */
    private void bind(ObjectNode claim, ObjectNode pv, boolean byController) {
        JsonNode currentRef = Json.at(pv, "spec", "claimRef");
        boolean alreadyBound = currentRef.isObject() && Json.str(currentRef, "uid") != null
                && VolumeMatcher.refersTo(currentRef, claim);
        ObjectNode boundPv = alreadyBound ? pv : claimVolume(claim, pv, byController);
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

    /** Points the volume's claimRef at the claim, noting when the controller chose the pair. */
    private ObjectNode claimVolume(ObjectNode claim, ObjectNode pv, boolean byController) {
        return store.modify(ResourceTypes.PERSISTENT_VOLUME, null, Json.name(pv), false, v -> {
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
