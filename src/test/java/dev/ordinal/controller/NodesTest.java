package dev.ordinal.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class NodesTest {
    @Test
    void aNodeWithoutItsVolumeListsKeepsEverythingElseAndLeavesTheOriginalAlone() {
        ObjectNode node = Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-1\","
                + "\"labels\":{\"zone\":\"a\"}},\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
                + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.1\"}],"
                + "\"volumesInUse\":[\"v1\"],\"volumesAttached\":[{\"name\":\"v1\",\"devicePath\":\"\"}],"
                + "\"images\":[{\"names\":[\"nginx\"]}]}}");
        ObjectNode trimmed = Nodes.withoutVolumeLists(node);
        assertThat(trimmed.get("metadata")).isEqualTo(node.get("metadata"));
        assertThat(trimmed.get("spec")).isEqualTo(node.get("spec"));
        assertThat(Json.at(trimmed, "status").propertyNames()).containsExactly("conditions", "addresses");
        Json.with(trimmed, "metadata", "labels").put("zone", "b");
        assertThat(Json.labels(node)).containsEntry("zone", "a");
        assertThat(Json.list(node, "status", "volumesInUse")).hasSize(1);
    }
}
