package dev.ordinal.replicaset;

import static dev.ordinal.api.table.Columns.CONTAINERS_DOC;
import static dev.ordinal.api.table.Columns.IMAGES_DOC;
import static dev.ordinal.api.table.Columns.NONE;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.containerImages;
import static dev.ordinal.api.table.Columns.containerNames;
import static dev.ordinal.api.table.Columns.integer;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.wide;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import dev.ordinal.core.LabelSelectorStrings;
import tools.jackson.databind.JsonNode;

/**
 * The Table columns of ReplicaSet and ReplicationController, as Kubernetes' printers (pkg/printers/internalversion)
 * print them; the kind's definition carries them.
 */
final class ReplicaSetColumns {
    private ReplicaSetColumns() {
    }

    static List<Column> replicas(boolean rc) {
        return List.of(name(),
                integer("Desired", "Replicas is the number of desired replicas.", (o, now) -> Json.integer(o, 1, "spec", "replicas")),
                integer("Current", "Replicas is the most recently observed number of replicas.", (o, now) -> Json.integer(o, 0, "status", "replicas")),
                integer("Ready", "The number of ready replicas.", (o, now) -> Json.integer(o, 0, "status", "readyReplicas")),
                age(),
                wide("Containers", CONTAINERS_DOC, (o, now) -> containerNames(o)),
                wide("Images", IMAGES_DOC, (o, now) -> containerImages(o)),
                wide("Selector", "Selector is a label query over pods that should match the replica count.",
                        (o, now) -> selector(rc, o)));
    }

    private static String selector(boolean rc, JsonNode o) {
        String s = rc ? ReplicaSetKinds.rcSelector(o) : LabelSelectorStrings.ofLabelSelector(Json.at(o, "spec", "selector"));
        if (rc) {
            // labels.FormatLabels prints a map sorted by key, and <none> when empty.
            List<String> parts = new ArrayList<>(new TreeSet<>(List.of(s.isEmpty() ? new String[0] : s.split(","))));
            return parts.isEmpty() ? NONE : String.join(",", parts);
        }
        return s.isEmpty() ? NONE : s;
    }
}
