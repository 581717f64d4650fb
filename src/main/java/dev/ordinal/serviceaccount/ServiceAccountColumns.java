package dev.ordinal.serviceaccount;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;

import java.util.List;

import dev.ordinal.core.Column;

/**
 * The Table columns of ServiceAccount, as Kubernetes' printers (pkg/printers/internalversion) print them; the
 * kind's definition carries them.
 */
final class ServiceAccountColumns {
    private ServiceAccountColumns() {
    }

    static List<Column> serviceAccount() {
        return List.of(name(), col("Secrets", "Secrets is a list of the secrets in the same "
                    + "namespace that pods running using this ServiceAccount are allowed to use.",
                (o, now) -> o.path("secrets").size()), age());
    }
}
