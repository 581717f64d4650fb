package dev.ordinal.node;

import static dev.ordinal.api.table.Columns.NONE;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.nonEmptyOr;
import static dev.ordinal.api.table.Columns.wide;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The Table columns of Node and Namespace, as Kubernetes' printers (pkg/printers/internalversion) print them; the
 * kind's definition carries them.
 */
final class NodeColumns {
    private NodeColumns() {
    }

    static List<Column> namespace() {
        return List.of(name(), col("Status", "The status of the namespace",
                (o, now) -> Json.strOr(o, "", "status", "phase")), age());
    }

    static List<Column> node() {
        return List.of(name(),
                col("Status", "The status of the node", (o, now) -> nodeStatus(o)),
                col("Roles", "The roles of the node", (o, now) -> nodeRoles(o)),
                age(),
                col("Version", "Kubelet Version reported by the node.",
                        (o, now) -> Json.strOr(o, "", "status", "nodeInfo", "kubeletVersion")),
                wide("Internal-IP", "List of addresses reachable to the node.", (o, now) -> nodeAddress(o, "InternalIP")),
                wide("External-IP", "List of addresses reachable to the node.", (o, now) -> nodeAddress(o, "ExternalIP")),
                wide("OS-Image", "OS Image reported by the node from /etc/os-release.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "osImage"), "<unknown>")),
                wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r'.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "kernelVersion"), "<unknown>")),
                wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "containerRuntimeVersion"), "<unknown>")));
    }

    private static String nodeStatus(JsonNode node) {
        List<String> status = new ArrayList<>();
        for (JsonNode c : Json.list(node, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                status.add("True".equals(Json.str(c, "status")) ? "Ready" : "NotReady");
                break;
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (Json.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Json.labels(node).forEach((k, v) -> {
            if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return roles.isEmpty() ? NONE : String.join(",", roles);
    }

    private static String nodeAddress(JsonNode node, String type) {
        for (JsonNode a : Json.list(node, "status", "addresses")) {
            if (type.equals(Json.str(a, "type"))) {
                return Json.strOr(a, NONE, "address");
            }
        }
        return NONE;
    }
}
