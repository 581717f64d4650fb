package dev.ordinal.node;

import java.time.Clock;

import dev.ordinal.api.Codec;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.reconcile.Key;
import dev.ordinal.store.ResourceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Failure injection for nodes, beside the pods' one, under Ordinal's own {@code ordinal.dev/v1} group. */
@RestController
@Tag(name = "ordinal.dev/v1", description = "Simulation extensions that Kubernetes does not have")
public class NodeSimulationApiController {
    private final ResourceStore store;
    private final Clock clock;
    private final ObjectProvider<ControllerRuntime> runtime;

    public NodeSimulationApiController(ResourceStore store, Clock clock, ObjectProvider<ControllerRuntime> runtime) {
        this.store = store;
        this.clock = clock;
        this.runtime = runtime;
    }

    @Operation(summary = "Make a node fail",
            description = "The node's simulated kubelet stops, as after a crash or a network partition: it no longer "
                    + "renews its Lease in kube-node-lease nor posts the node's status, and its pods stay recorded as "
                    + "they were (a pod deleted meanwhile stays Terminating). After the grace period "
                    + "(ordinal.node-lifecycle.grace-period-seconds, 40 s; the node's annotation "
                    + "ordinal.dev/node-monitor-grace-period-seconds overrides it) the node lifecycle controller marks "
                    + "it Ready=Unknown, taints it node.kubernetes.io/unreachable (NoSchedule and NoExecute) and marks "
                    + "its pods not Ready; pods are evicted once their tolerationSeconds (300 s by default) run out. "
                    + "A ReplicaSet replaces its pods elsewhere; a StatefulSet's pod stays Terminating until the node "
                    + "recovers, is deleted, the pod is force-deleted, or the node is tainted "
                    + "node.kubernetes.io/out-of-service:NoExecute. The node is annotated sim.ordinal.dev/kubelet-stopped "
                    + "while it is down. Answers with the node; 404 when it does not exist.")
    @PostMapping(value = "/apis/ordinal.dev/v1/nodes/{name}/fail", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> fail(@PathVariable String name) {
        store.get(ResourceTypes.NODE, null, name);
        String now = Json.time(clock.instant());
        ObjectNode node = store.modify(ResourceTypes.NODE, null, name, false, n -> {
            if (!NodeHeartbeatReconciler.stopped(n)) {
                Json.setAnnotation(n, NodeHeartbeatReconciler.STOPPED, now);
            }
        }).orElseThrow(() -> dev.ordinal.core.ApiException.notFound(ResourceTypes.NODE, name));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Codec.write(node, false));
    }

    @Operation(summary = "Bring a failed node back",
            description = "The node's simulated kubelet starts again: it renews its Lease and posts Ready (with the "
                    + "NodeReady event), the node lifecycle controller removes the unreachable taints, and the kubelet "
                    + "reconciles its pods with the API: pods deleted meanwhile finish terminating and are removed, "
                    + "the others become Ready again. Answers with the node; 404 when it does not exist.")
    @PostMapping(value = "/apis/ordinal.dev/v1/nodes/{name}/recover", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> recover(@PathVariable String name) {
        store.get(ResourceTypes.NODE, null, name);
        ObjectNode node = store.modify(ResourceTypes.NODE, null, name, false,
                n -> Json.with(n, "metadata", "annotations").remove(NodeHeartbeatReconciler.STOPPED))
                .orElseThrow(() -> dev.ordinal.core.ApiException.notFound(ResourceTypes.NODE, name));
        store.awaitLatest(); // The kubelet reads the node from the cache: let it see the recovery first.
        runtime.ifAvailable(r -> {
            for (ObjectNode p : Pods.onNode(store.cache(), name)) {
                if (name.equals(Pods.nodeName(p))) {
                    r.enqueue("kubelet", Key.of(p));
                }
            }
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Codec.write(node, false));
    }
}
