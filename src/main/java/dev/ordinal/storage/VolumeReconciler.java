package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.controller.WriteOutcome;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
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
        ObjectNode pv = store.find(ResourceTypes.PERSISTENT_VOLUME, null, key.name()).orElse(null);
        String[] ref = pv == null ? null : VolumePlanner.claimRefOf(pv);
        ObjectNode claim = ref == null ? null
                : store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, ref[0], ref[1]).orElse(null);
        for (VolumeAction action : VolumePlanner.plan(pv, claim)) {
            execute(key.name(), pv, action);
        }
        return Result.DONE;
    }

    /** Carries out one action under the {@link WriteOutcome} contract. */
    private void execute(String name, ObjectNode pv, VolumeAction action) {
        if (action instanceof VolumeAction.SetPhase p) {
            store.modify(ResourceTypes.PERSISTENT_VOLUME, null, name, true,
                    v -> Json.with(v, "status").put("phase", p.phase()));
        } else if (action instanceof VolumeAction.DetachEverywhere) {
            attachments.detachEverywhere(name);
        } else if (action instanceof VolumeAction.Reclaim) {
            try {
                WriteOutcome.of(() -> store.delete(ResourceTypes.PERSISTENT_VOLUME, null, name, DeleteOptions.DEFAULT));
            } catch (ApiException e) {
                events.record(pv, EventRecorder.WARNING, "VolumeFailedDelete", e.getMessage(),
                        ClaimBinderReconciler.COMPONENT);
                throw e;
            }
        } else if (action instanceof VolumeAction.RemoveProtection) {
            store.modify(ResourceTypes.PERSISTENT_VOLUME, null, name, false, v -> {
                List<String> rest = ResourceStore.finalizers(v).stream()
                        .filter(f -> !f.equals(VolumeProvisioner.PV_PROTECTION)).toList();
                if (rest.isEmpty()) {
                    Json.meta(v).remove("finalizers");
                } else {
                    Json.meta(v).set("finalizers", Json.stringArray(rest));
                }
            });
        }
    }
}
