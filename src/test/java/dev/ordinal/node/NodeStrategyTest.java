package dev.ordinal.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.event.EventStrategy;
import dev.ordinal.statefulset.ControllerRevisionStrategy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Node, Namespace, Event and ControllerRevision strategies. */
class NodeStrategyTest {

    @Test
    void nodeStatusIsFilledInWhereMissing() {
        NodeStrategy s = new NodeStrategy();
        assertThat(s.resetStatusOnCreate()).isFalse();
        ObjectNode n = Json.parse("{\"metadata\":{\"name\":\"node-2\",\"creationTimestamp\":\"2025-01-01T00:00:00Z\"},"
                + "\"status\":{\"capacity\":{\"cpu\":\"8\"}}}");
        s.initialStatus(n);
        assertThat(Json.str(n, "status", "capacity", "cpu")).isEqualTo("8");
        assertThat(Json.str(n, "status", "capacity", "memory")).isEqualTo("16Gi");
        assertThat(Json.str(n, "status", "allocatable", "pods")).isEqualTo("110");
        assertThat(Json.str(n, "status", "nodeInfo", "kubeletVersion")).isEqualTo("v1.32.0");
        assertThat(Json.str(Json.list(n, "status", "addresses").get(0), "address")).isEqualTo("10.0.0.2");
        var ready = Json.list(n, "status", "conditions").stream().filter(c -> "Ready".equals(Json.str(c, "type")))
                .findFirst().orElseThrow();
        assertThat(Json.str(ready, "status")).isEqualTo("True");
        ObjectNode tainted = Json.parse("{\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"Sometimes\"}]}}");
        assertThat(s.validate(tainted)).extracting(FieldError::text).containsExactly(
                "spec.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
    }

    @Test
    void namespaceGetsLabelFinalizerAndPhase() {
        NamespaceStrategy s = new NamespaceStrategy();
        assertThat(s.nameIsDnsLabel()).isTrue();
        ObjectNode ns = Json.parse("{\"metadata\":{\"name\":\"team-a\"}}");
        s.defaults(ns);
        s.initialStatus(ns);
        assertThat(Json.labels(ns)).containsEntry("kubernetes.io/metadata.name", "team-a");
        assertThat(Json.strings(ns, "spec", "finalizers")).containsExactly("kubernetes");
        assertThat(Json.str(ns, "status", "phase")).isEqualTo("Active");
        ObjectNode updated = Json.parse("{\"metadata\":{\"name\":\"team-a\",\"labels\":{\"kubernetes.io/metadata.name\":\"x\"}}}");
        s.defaults(updated);
        assertThat(Json.labels(updated)).containsEntry("kubernetes.io/metadata.name", "team-a");
        assertThat(updated.has("spec")).isFalse();
    }

    @Test
    void eventNamespaceMustMatchTheInvolvedObject() {
        EventStrategy s = new EventStrategy();
        ObjectNode ok = Json.parse("{\"metadata\":{\"name\":\"e\",\"namespace\":\"default\"},"
                + "\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"},\"type\":\"Normal\"}");
        assertThat(s.validate(ok)).isEmpty();
        ObjectNode bad = Json.parse("{\"metadata\":{\"name\":\"e\",\"namespace\":\"team-a\"},"
                + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\",\"namespace\":\"default\"},\"type\":\"Normal\"}");
        assertThat(s.validate(bad)).extracting(FieldError::text).containsExactly(
                "involvedObject.namespace: Invalid value: \"default\": does not match event.namespace");
    }

    @Test
    void controllerRevisionDataIsMandatoryAndImmutable() {
        ControllerRevisionStrategy s = new ControllerRevisionStrategy();
        assertThat(s.validate(Json.parse("{\"revision\":-1}"))).extracting(FieldError::text).containsExactly(
                "data: Required value: data is mandatory",
                "revision: Invalid value: -1: must be greater than or equal to 0");
        ObjectNode old = Json.parse("{\"data\":{\"spec\":1},\"revision\":1}");
        assertThat(s.validateUpdate(Json.parse("{\"data\":{\"spec\":1},\"revision\":3}"), old)).isEmpty();
        assertThat(s.validateUpdate(Json.parse("{\"data\":{\"spec\":2},\"revision\":1}"), old))
                .extracting(FieldError::text).containsExactly("data: Invalid value: {\"spec\":2}: field is immutable");
    }
}
