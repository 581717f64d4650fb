package dev.ordinal.pod;

import dev.ordinal.core.ApiException;
import dev.ordinal.controller.Pods;
import dev.ordinal.api.Codec;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Ordinal's own extensions for the simulation, under the {@code ordinal.dev/v1} group. */
@RestController
@Tag(name = "ordinal.dev/v1", description = "Simulation extensions that Kubernetes does not have")
public class SimulationApiController {
    private final ResourceStore store;
    private final NodeAgentReconciler kubelet;
    private final Clock clock;

    public SimulationApiController(ResourceStore store, NodeAgentReconciler kubelet, Clock clock) {
        this.store = store;
        this.kubelet = kubelet;
        this.clock = clock;
    }

    @Operation(summary = "Make a pod fail",
            description = "Its containers exit with an error: the pod goes to phase Failed and its volumes are "
                    + "detached. A StatefulSet then deletes it and creates it again with the same name and claim; a "
                    + "ReplicaSet creates a replacement with a new name. Answers with the failed pod; 404 when the pod "
                    + "does not exist, 409 (saying which) when it is not scheduled yet, already finished or terminating.")
    @PostMapping(value = "/apis/ordinal.dev/v1/namespaces/{namespace}/pods/{name}/fail",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> fail(@PathVariable String namespace, @PathVariable String name) {
        ObjectNode pod = store.get(ResourceTypes.POD, namespace, name);
        String state = notFailable(pod);
        if (state != null) {
            throw ApiException.conflict(ResourceTypes.POD, name, "the pod cannot be made to fail: " + state);
        }
        ObjectNode failed = kubelet.fail(pod, clock.instant());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Codec.write(failed, false));
    }

    /** Why a pod cannot be made to fail, in words that match its state; null when it can. */
    static String notFailable(ObjectNode pod) {
        if (Json.isTerminating(pod)) {
            return "it is terminating (deleted at " + Json.str(pod, "metadata", "deletionTimestamp") + ", phase "
                    + Pods.phase(pod) + ")";
        }
        if (Pods.isTerminated(pod)) {
            return "it has already finished (phase " + Pods.phase(pod) + ")";
        }
        if (Pods.nodeName(pod) == null) {
            return "it is not scheduled to a node yet (phase " + Pods.phase(pod) + ")";
        }
        return null;
    }
}
