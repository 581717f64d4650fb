package dev.ordinal.statefulset;

import static dev.ordinal.api.table.Columns.CONTAINERS_DOC;
import static dev.ordinal.api.table.Columns.IMAGES_DOC;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.containerImages;
import static dev.ordinal.api.table.Columns.containerNames;
import static dev.ordinal.api.table.Columns.controllerName;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.wide;

import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;

/**
 * The Table columns of StatefulSet and ControllerRevision, as Kubernetes' printers (pkg/printers/internalversion)
 * print them; the kind's definition carries them.
 */
final class StatefulSetColumns {
    private StatefulSetColumns() {
    }

    static List<Column> controllerRevision() {
        return List.of(name(),
                    col("Controller", "Controller of the object", (o, now) -> controllerName(o)),
                    new Column("Revision", "string", "", "Revision indicates the revision of the state represented by Data.", 0,
                            (o, now) -> Json.at(o, "revision").asLong()),
                    age());
    }

    static List<Column> statefulSet() {
        return List.of(name(),
                col("Ready", "Number of the pod with ready state",
                        (o, now) -> Json.integer(o, 0, "status", "readyReplicas") + "/" + Json.integer(o, 1, "spec", "replicas")),
                age(),
                wide("Containers", CONTAINERS_DOC, (o, now) -> containerNames(o)),
                wide("Images", IMAGES_DOC, (o, now) -> containerImages(o)));
    }
}
