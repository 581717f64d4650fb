package dev.ordinal.lease;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;

import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;

/**
 * The Table columns of Lease, as Kubernetes' printers (pkg/printers/internalversion) print them; the kind's
 * definition carries them.
 */
final class LeaseColumns {
    private LeaseColumns() {
    }

    static List<Column> lease() {
        return List.of(name(), col("Holder", "HolderIdentity contains the identity of the holder of a "
                    + "current lease.", (o, now) -> Json.strOr(o, "", "spec", "holderIdentity")), age());
    }
}
