package dev.ordinal.endpoints;

import static dev.ordinal.api.table.Columns.NONE;
import static dev.ordinal.api.table.Columns.UNSET;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.withMore;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns of Endpoints and EndpointSlice, as Kubernetes' printers (pkg/printers/internalversion) print
 * them; the kind's definition carries them.
 */
final class EndpointsColumns {
    private EndpointsColumns() {
    }

    static List<Column> endpointSlice() {
        return List.of(name(),
                    col("AddressType", "The IP protocol for this slice", (o, now) -> Json.strOr(o, "", "addressType")),
                    col("Ports", "The ports of this slice", (o, now) -> slicePorts(o)),
                    col("Endpoints", "The endpoints of this slice", (o, now) -> sliceEndpoints(o)), age());
    }

    static List<Column> endpointsColumns() {
        return List.of(name(), col("Endpoints", "Endpoints is the list of endpoints.",
                (o, now) -> endpoints(o)), age());
    }

    /** formatEndpoints: ip:port for each ready address and port, at most three, then "+ N more...". */
    private static String endpoints(ObjectNode o) {
        List<JsonNode> subsets = Json.list(o, "subsets");
        if (subsets.isEmpty()) {
            return NONE;
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode ss : subsets) {
            List<JsonNode> addresses = Json.list(ss, "addresses");
            List<JsonNode> ports = Json.list(ss, "ports");
            if (ports.isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() < 3) {
                        list.add(Json.strOr(a, "", "ip"));
                    }
                }
                continue;
            }
            for (JsonNode p : ports) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() < 3) {
                        list.add(hostPort(Json.strOr(a, "", "ip"), p.path("port").asInt()));
                    }
                }
            }
        }
        return withMore(list, count);
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** formatDiscoveryPorts: the port numbers, at most three, or {@code <unset>}. */
    private static String slicePorts(ObjectNode o) {
        List<JsonNode> ports = Json.list(o, "ports");
        if (ports.isEmpty()) {
            return UNSET;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode p : ports) {
            if (list.size() < 3) {
                list.add(p.has("port") && !p.get("port").isNull() ? p.get("port").asString() : UNSET);
            }
        }
        return withMore(list, ports.size());
    }

    /** formatDiscoveryEndpoints: the addresses, at most three, or {@code <unset>}. */
    private static String sliceEndpoints(ObjectNode o) {
        List<JsonNode> endpoints = Json.list(o, "endpoints");
        if (endpoints.isEmpty()) {
            return UNSET;
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode e : endpoints) {
            for (String a : Json.strings(e, "addresses")) {
                if (list.size() < 3) {
                    list.add(a);
                }
                count++;
            }
        }
        return withMore(list, count);
    }
}
