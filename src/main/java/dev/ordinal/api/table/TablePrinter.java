package dev.ordinal.api.table;

import java.time.Clock;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders objects as a {@code meta.k8s.io/v1} Table, the form kubectl asks for when it prints, with the columns
 * Kubernetes' own printers use for each kind, as its {@link KindDefinition} declares them.
 */
@Component
public class TablePrinter {
    private final Clock clock;
    private final KindRegistry kinds;

    public TablePrinter(Clock clock, KindRegistry kinds) {
        this.clock = clock;
        this.kinds = kinds;
    }

    /** The columns of a kind: its definition's, or Name and Age when it declares none. */
    List<Column> columns(ResourceType type) {
        return kinds.find(type.group(), type.version(), type.kind()).map(KindDefinition::columns)
                .filter(c -> !c.isEmpty()).orElseGet(() -> List.of(Columns.name(), Columns.age()));
    }

    /**
     * Builds a Table of {@code items}. Each row carries the object as PartialObjectMetadata (or the whole object when
     * {@code includeObject} is "Object"). {@code withColumns} false leaves the column definitions out, as the API
     * server does after the first event of a watch.
     */
    public ObjectNode table(ResourceType type, List<ObjectNode> items, String resourceVersion, String continueToken,
                            String includeObject, boolean withColumns) {
        ObjectNode t = Json.object();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = t.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        ArrayNode cols = t.putArray("columnDefinitions");
        List<Column> columns = columns(type);
        if (withColumns) {
            for (Column c : columns) {
                ObjectNode cd = cols.addObject();
                cd.put("name", c.name());
                cd.put("type", c.type());
                cd.put("format", c.format());
                cd.put("description", c.description());
                cd.put("priority", c.priority());
            }
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                Object v = c.cell().apply(item, clock.instant());
                if (v instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(v == null ? "" : v.toString());
                }
            }
            row.set("object", "None".equals(includeObject) ? null
                    : "Object".equals(includeObject) ? item : partial(item));
        }
        return t;
    }

    static ObjectNode partial(ObjectNode item) {
        ObjectNode p = Json.object();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", item.get("metadata") == null ? Json.object() : item.get("metadata").deepCopy());
        return p;
    }
}
