package dev.ordinal.configmap;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;

import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;

/**
 * The Table columns of ConfigMap and Secret, as Kubernetes' printers (pkg/printers/internalversion) print them; the
 * kind's definition carries them.
 */
final class ConfigMapColumns {
    private ConfigMapColumns() {
    }

    static List<Column> secret() {
        return List.of(name(),
                    col("Type", "The type of secret", (o, now) -> Json.strOr(o, "", "type")),
                    col("Data", "Data contains the secret data.", (o, now) -> o.path("data").size()), age());
    }

    static List<Column> configMap() {
        return List.of(name(), col("Data", "Data contains the configuration data.",
                (o, now) -> o.path("data").size() + o.path("binaryData").size()), age());
    }
}
