package dev.ordinal.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the ReplicationController and ReplicaSet definitions declare for the generic scale subresource. */
class ReplicaSetKindsTest {
    private final ReplicaSetKinds kinds = new ReplicaSetKinds();

    @Test
    void aReplicationControllersScaleSelectorIsBuiltFromItsLabelMap() {
        KindDefinition rc = kinds.replicationControllerKind(new ReplicationControllerStrategy());
        ObjectNode obj = Json.parse("""
                {"kind":"ReplicationController","spec":{"selector":{"app":"nginx","tier":"web"}}}""");

        assertThat(rc.scaleSelector(obj)).isEqualTo("app=nginx,tier=web");
    }

    @Test
    void aReplicaSetsScaleSelectorIsItsLabelSelectorInStringForm() {
        KindDefinition rs = kinds.replicaSetKind(new ReplicaSetStrategy());
        ObjectNode obj = Json.parse("""
                {"kind":"ReplicaSet","spec":{"selector":{"matchLabels":{"app":"nginx"},"matchExpressions":[
                  {"key":"tier","operator":"In","values":["web","api"]},{"key":"canary","operator":"DoesNotExist"}]}}}""");

        assertThat(rs.scaleSelector(obj)).isEqualTo("app=nginx,tier in (web,api),!canary");
    }
}
