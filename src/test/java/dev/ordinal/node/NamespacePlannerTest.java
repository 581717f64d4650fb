package dev.ordinal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.node.NamespaceAction.DeleteContent;
import dev.ordinal.node.NamespaceAction.Finalize;
import dev.ordinal.node.NamespaceAction.MarkTerminating;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The namespace controller's decisions: namespace shop being deleted, its contents changed one object per case. */
class NamespacePlannerTest {
    private final Map<ResourceType, List<ObjectNode>> contents = new LinkedHashMap<>();

    private static ObjectNode namespace(boolean deleting, String phase) {
        ObjectNode ns = Json.parse("{\"metadata\":{\"name\":\"shop\"},\"spec\":{\"finalizers\":[\"kubernetes\"]}}");
        if (deleting) {
            Json.meta(ns).put("deletionTimestamp", "2026-01-01T00:00:00Z");
        }
        if (phase != null) {
            Json.with(ns, "status").put("phase", phase);
        }
        return ns;
    }

    private static ObjectNode object(String name, boolean deleting) {
        ObjectNode o = Json.parse("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\"}}");
        if (deleting) {
            Json.meta(o).put("deletionTimestamp", "2026-01-01T00:00:00Z");
        }
        return o;
    }

    @Test
    void aNamespaceNotBeingDeletedNeedsNothing() {
        NamespacePlanner.Plan plan = NamespacePlanner.plan(namespace(false, "Active"), contents);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeueAfter()).isNull();
    }

    @Test
    void aDeletedNamespaceIsMarkedTerminatingAndItsObjectsDeleted() {
        contents.put(ResourceTypes.POD, List.of(object("web-0", false)));
        contents.put(ResourceTypes.CONFIG_MAP, List.of(object("settings", false)));

        NamespacePlanner.Plan plan = NamespacePlanner.plan(namespace(true, "Active"), contents);

        assertThat(plan.actions()).containsExactly(new MarkTerminating(),
                new DeleteContent(ResourceTypes.POD, "web-0"), new DeleteContent(ResourceTypes.CONFIG_MAP, "settings"));
        assertThat(plan.requeueAfter()).isEqualTo(NamespacePlanner.RECHECK);
    }

    @Test
    void objectsAlreadyBeingDeletedAreWaitedFor() {
        contents.put(ResourceTypes.POD, List.of(object("web-0", true)));

        NamespacePlanner.Plan plan = NamespacePlanner.plan(namespace(true, "Terminating"), contents);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeueAfter()).isEqualTo(NamespacePlanner.RECHECK);
    }

    @Test
    void anEmptyTerminatingNamespaceIsFinalized() {
        NamespacePlanner.Plan plan = NamespacePlanner.plan(namespace(true, "Terminating"), contents);

        assertThat(plan.actions()).containsExactly(new Finalize());
        assertThat(plan.requeueAfter()).isNull();
    }
}
