package dev.ordinal.quota;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns of ResourceQuota, as Kubernetes' printers (pkg/printers/internalversion) print them; the kind's
 * definition carries them.
 */
final class ResourceQuotaColumns {
    private ResourceQuotaColumns() {
    }

    static List<Column> resourceQuota() {
        return List.of(name(), age(),
                    col("Request", "Request represents a minimum amount of cpu/memory that a container may consume.",
                            (o, now) -> quotaUsage(o, false)),
                    col("Limit", "Limits control the maximum amount of cpu/memory that a container may use "
                            + "independent of contention on the node.", (o, now) -> quotaUsage(o, true)));
    }

    /** {@code printResourceQuota}: "resource: used/hard" for each hard limit, limits.* in the Limit column. */
    private static String quotaUsage(ObjectNode quota, boolean limits) {
        Map<String, String> used = Json.stringMap(quota, "status", "used");
        Map<String, String> hard = Json.stringMap(quota, "status", "hard");
        List<String> parts = new ArrayList<>();
        for (String r : new TreeSet<>(Json.stringMap(quota, "spec", "hard").keySet())) {
            String[] pieces = r.split("\\.");
            if ((pieces.length > 1 && pieces[0].equals("limits")) == limits) {
                parts.add(r + ": " + used.getOrDefault(r, "0") + "/" + hard.getOrDefault(r, "0"));
            }
        }
        return String.join(", ", parts);
    }
}
