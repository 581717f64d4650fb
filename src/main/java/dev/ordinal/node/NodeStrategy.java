package dev.ordinal.node;

import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulated nodes: a node keeps the status it is created with, and whatever is missing is filled in as a healthy
 * kubelet would report it (Ready, 4 CPUs, 16Gi memory, 110 pods, kubelet v1.32.0, an InternalIP).
 */
@Component
public class NodeStrategy implements KindStrategy {
    static final String KUBELET_VERSION = "v1.32.0";

    @Override
    public ResourceType type() {
        return ResourceTypes.NODE;
    }

    /** Nodes are registered with their status, as a kubelet registers itself. */
    @Override
    public boolean resetStatusOnCreate() {
        return false;
    }

    /** Fills what a new node's status lacks: capacity, allocatable, conditions, addresses, nodeInfo. */
    @Override
    public void initialStatus(ObjectNode obj) {
        ObjectNode status = Json.with(obj, "status");
        ObjectNode capacity = Json.with(status, "capacity");
        putIfAbsent(capacity, "cpu", "4");
        putIfAbsent(capacity, "memory", "16Gi");
        putIfAbsent(capacity, "pods", "110");
        putIfAbsent(capacity, "ephemeral-storage", "100Gi");
        ObjectNode allocatable = Json.with(status, "allocatable");
        capacity.properties().forEach(e -> {
            if (!allocatable.has(e.getKey())) {
                allocatable.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        String now = Json.strOr(obj, "", "metadata", "creationTimestamp");
        if (!status.path("conditions").isArray() || status.path("conditions").isEmpty()) {
            ArrayNode conditions = status.putArray("conditions");
            condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                    "kubelet has sufficient memory available", now);
            condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure",
                    "kubelet has no disk pressure", now);
            condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID",
                    "kubelet has sufficient PID available", now);
            condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
        }
        if (!status.path("addresses").isArray() || status.path("addresses").isEmpty()) {
            ArrayNode addresses = status.putArray("addresses");
            ObjectNode ip = addresses.addObject();
            ip.put("type", "InternalIP");
            ip.put("address", "10.0.0." + (nodeIndex(Json.name(obj)) + 1));
            ObjectNode host = addresses.addObject();
            host.put("type", "Hostname");
            host.put("address", Json.strOr(obj, "", "metadata", "name"));
        }
        ObjectNode info = Json.with(status, "nodeInfo");
        putIfAbsent(info, "kubeletVersion", KUBELET_VERSION);
        putIfAbsent(info, "kubeProxyVersion", KUBELET_VERSION);
        putIfAbsent(info, "operatingSystem", "linux");
        putIfAbsent(info, "architecture", "amd64");
        putIfAbsent(info, "containerRuntimeVersion", "containerd://1.7.0");
        putIfAbsent(info, "osImage", "Ordinal simulated node");
        putIfAbsent(info, "kernelVersion", "6.1.0");
    }

    /** The number a node name ends with, minus one (node-1 gives 0), or a stable small number otherwise. */
    static int nodeIndex(String name) {
        if (name != null) {
            int i = name.length();
            while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
                i--;
            }
            if (i < name.length() && name.length() - i < 4) {
                return Math.max(0, Integer.parseInt(name.substring(i)) - 1);
            }
        }
        return name == null ? 0 : Math.floorMod(name.hashCode(), 250);
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message,
                                  String now) {
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", status);
        c.put("lastHeartbeatTime", now);
        c.put("lastTransitionTime", now);
        c.put("reason", reason);
        c.put("message", message);
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (Values.text(o.path(field)).isEmpty()) {
            o.put(field, value);
        }
    }

    /** Node specs: taints need a key and a known effect. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new java.util.ArrayList<>();
        List<JsonNode> taints = Json.list(obj, "spec", "taints");
        for (int i = 0; i < taints.size(); i++) {
            JsonNode t = taints.get(i);
            String p = "spec.taints[" + i + "]";
            if (Values.text(t.path("key")).isEmpty()) {
                errs.add(FieldError.required(p + ".key"));
            }
            if (Values.text(t.path("effect")).isEmpty()) {
                errs.add(FieldError.required(p + ".effect"));
            } else {
                errs.addAll(Values.oneOf(t.path("effect"), p + ".effect", "NoSchedule", "PreferNoSchedule",
                        "NoExecute"));
            }
        }
        return errs;
    }
}
