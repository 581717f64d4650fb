package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ordinal.api.ApiException;
import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The volume side of Kubernetes' PersistentVolume controller plus pv-protection: keeps each volume's phase
 * (Available, Bound, Released), reclaims a released volume by its policy (Delete removes it; Retain keeps it Released
 * with its claimRef, so it is not bound again until an administrator clears it), and lets a deleted volume go only
 * once it is no longer bound.
 */
@Component
public class VolumeReconciler implements Reconciler {
    private final ResourceStore store;
    private final EventRecorder events;
    private final VolumeAttachments attachments;

    public VolumeReconciler(ResourceStore store, EventRecorder events, VolumeAttachments attachments) {
        this.store = store;
        this.events = events;
        this.attachments = attachments;
    }

    @Override
    public String name() {
        return "volume";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.PERSISTENT_VOLUME;
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        List<Key> keys = new ArrayList<>();
        if (event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME)) {
            keys.add(Key.of(event.object()));
        } else if (event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME_CLAIM)) {
            String volume = Json.str(event.object(), "spec", "volumeName");
            if (volume != null && !volume.isEmpty()) {
                keys.add(new Key("", volume));
            }
        }
        return keys;
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.PERSISTENT_VOLUME, null, key.name());
        if (found.isEmpty()) {
            attachments.detachEverywhere(key.name());
            return Result.DONE;
        }
        ObjectNode pv = found.get();
        JsonNode ref = Json.at(pv, "spec", "claimRef");
        String phase;
        if (!ref.isObject() || Json.str(ref, "uid") == null || Json.str(ref, "uid").isEmpty()) {
            phase = "Available";
        } else {
            Optional<ObjectNode> claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM,
                    Json.strOr(ref, "", "namespace"), Json.str(ref, "name"));
            boolean claimGone = claim.isEmpty() || !Json.uid(claim.get()).equals(Json.str(ref, "uid"));
            if (claimGone) {
                phase = "Released";
            } else if (key.name().equals(Json.str(claim.get(), "spec", "volumeName"))) {
                phase = "Bound";
            } else {
                return Result.DONE; // Binding in progress: the claim side finishes it.
            }
        }
        if (!phase.equals(Json.str(pv, "status", "phase")) && !"Failed".equals(Json.str(pv, "status", "phase"))) {
            String p = phase;
            pv = store.modify(ResourceTypes.PERSISTENT_VOLUME, null, key.name(), true,
                    v -> Json.with(v, "status").put("phase", p)).orElse(pv);
        }
        if (phase.equals("Released") && "Delete".equals(Json.str(pv, "spec", "persistentVolumeReclaimPolicy"))
                && !Json.isTerminating(pv)) {
            attachments.detachEverywhere(key.name());
            try {
                store.delete(ResourceTypes.PERSISTENT_VOLUME, null, key.name(), DeleteOptions.DEFAULT);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    events.record(pv, EventRecorder.WARNING, "VolumeFailedDelete", e.getMessage(),
                            ClaimBinderReconciler.COMPONENT);
                    throw e;
                }
            }
            return Result.DONE;
        }
        if (Json.isTerminating(pv) && !phase.equals("Bound")
                && ResourceStore.finalizers(pv).contains(VolumeProvisioner.PV_PROTECTION)) {
            store.modify(ResourceTypes.PERSISTENT_VOLUME, null, key.name(), false, v -> {
                List<String> rest = ResourceStore.finalizers(v).stream()
                        .filter(f -> !f.equals(VolumeProvisioner.PV_PROTECTION)).toList();
                if (rest.isEmpty()) {
                    Json.meta(v).remove("finalizers");
                } else {
                    Json.meta(v).set("finalizers", Json.stringArray(rest));
                }
            });
        }
        return Result.DONE;
    }
}
