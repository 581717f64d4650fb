package dev.ordinal.disruption;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.integer;
import static dev.ordinal.api.table.Columns.name;

import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns of PodDisruptionBudget, as Kubernetes' printers (pkg/printers/internalversion) print them; the
 * kind's definition carries them.
 */
final class PodDisruptionBudgetColumns {
    private PodDisruptionBudgetColumns() {
    }

    static List<Column> podDisruptionBudget() {
        return List.of(name(),
                    col("Min Available", "The minimum number of pods that must be available",
                            (o, now) -> intOrStringOr(o, "minAvailable")),
                    col("Max Unavailable", "The maximum number of pods that may be unavailable",
                            (o, now) -> intOrStringOr(o, "maxUnavailable")),
                    integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time",
                            (o, now) -> Json.at(o, "status", "disruptionsAllowed").asLong(0)),
                    age());
    }

    /** {@code printPodDisruptionBudget}: the count or percentage, or N/A when unset. */
    private static String intOrStringOr(ObjectNode pdb, String field) {
        tools.jackson.databind.JsonNode v = Json.at(pdb, "spec", field);
        return v.isMissingNode() || v.isNull() ? "N/A" : v.asString();
    }
}
