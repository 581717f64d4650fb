package dev.ordinal.api.table;

import java.util.List;

import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;

/** The columns of each kind, following Kubernetes' printers (pkg/printers/internalversion). */
final class Columns {
    private Columns() {
    }

    static List<Column> of(ResourceType type) {
        return List.of(
                new Column("Name", "string", "name", "Name must be unique within a namespace.", 0,
                        (o, now) -> Json.name(o)),
                Column.of("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.",
                        (o, now) -> Ages.age(Json.str(o, "metadata", "creationTimestamp"), now)));
    }
}
