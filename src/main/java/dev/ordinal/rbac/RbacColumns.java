package dev.ordinal.rbac;

import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.wide;

import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns of Role, ClusterRole, RoleBinding and ClusterRoleBinding, as Kubernetes' printers
 * (pkg/printers/internalversion) print them; the kind's definition carries them.
 */
final class RbacColumns {
    private RbacColumns() {
    }

    static List<Column> role() {
        return List.of(name(), col("Created At", "Creation timestamp of the role",
                (o, now) -> Json.strOr(o, "", "metadata", "creationTimestamp")));
    }

    /** {@code printRoleBinding}: the role as Kind/name, and (wide) the users, groups and service accounts bound. */
    static List<Column> binding() {
        return List.of(name(),
                col("Role", "Role", (o, now) -> Json.strOr(o, "", "roleRef", "kind") + "/"
                        + Json.strOr(o, "", "roleRef", "name")),
                age(),
                wide("Users", "Users in the roleBinding", (o, now) -> subjects(o, "User")),
                wide("Groups", "Groups in the roleBinding", (o, now) -> subjects(o, "Group")),
                wide("ServiceAccounts", "ServiceAccounts in the roleBinding", (o, now) -> subjects(o, "ServiceAccount")));
    }

    private static String subjects(ObjectNode binding, String kind) {
        List<String> names = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode s : binding.path("subjects")) {
            if (kind.equals(Json.str(s, "kind"))) {
                String ns = Json.str(s, "namespace");
                names.add(kind.equals("ServiceAccount") ? (ns == null ? "" : ns) + "/" + Json.str(s, "name")
                        : Json.str(s, "name"));
            }
        }
        return String.join(", ", names);
    }
}
