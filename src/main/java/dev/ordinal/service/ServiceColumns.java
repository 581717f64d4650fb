package dev.ordinal.service;

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
 * The Table columns of Service, as Kubernetes' printers (pkg/printers/internalversion) print them; the kind's
 * definition carries them.
 */
final class ServiceColumns {
    private ServiceColumns() {
    }

    static List<Column> service() {
        return List.of(name(),
                col("Type", "type determines how the Service is exposed.", (o, now) -> Json.strOr(o, "ClusterIP", "spec", "type")),
                col("Cluster-IP", "clusterIP is the IP address of the service.", (o, now) -> {
                    List<String> ips = Json.strings(o, "spec", "clusterIPs");
                    return !ips.isEmpty() ? ips.get(0) : nonEmptyOr(Json.str(o, "spec", "clusterIP"), NONE);
                }),
                col("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
                        (o, now) -> serviceExternalIp(o)),
                col("Port(s)", "The list of ports that are exposed by this service.", (o, now) -> servicePorts(o)),
                age(),
                wide("Selector", "Route service traffic to pods with label keys and values matching this selector.",
                        (o, now) -> {
                            TreeSet<String> parts = new TreeSet<>();
                            Json.stringMap(o, "spec", "selector").forEach((k, v) -> parts.add(k + "=" + v));
                            return parts.isEmpty() ? NONE : String.join(",", parts);
                        }));
    }

    private static String serviceExternalIp(JsonNode svc) {
        List<String> external = Json.strings(svc, "spec", "externalIPs");
        String type = Json.strOr(svc, "ClusterIP", "spec", "type");
        switch (type) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? NONE : String.join(",", external);
            }
            case "LoadBalancer" -> {
                TreeSet<String> lb = new TreeSet<>();
                for (JsonNode i : Json.list(svc, "status", "loadBalancer", "ingress")) {
                    String ip = Json.strOr(i, "", "ip");
                    String host = Json.strOr(i, "", "hostname");
                    if (!ip.isEmpty()) {
                        lb.add(ip);
                    } else if (!host.isEmpty()) {
                        lb.add(host);
                    }
                }
                List<String> all = new ArrayList<>(lb);
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return Json.strOr(svc, "", "spec", "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    private static String servicePorts(JsonNode svc) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : Json.list(svc, "spec", "ports")) {
            String protocol = Json.strOr(p, "TCP", "protocol");
            int nodePort = Json.integer(p, 0, "nodePort");
            int port = Json.integer(p, 0, "port");
            parts.add(nodePort > 0 ? port + ":" + nodePort + "/" + protocol : port + "/" + protocol);
        }
        return parts.isEmpty() ? NONE : String.join(",", parts);
    }
}
