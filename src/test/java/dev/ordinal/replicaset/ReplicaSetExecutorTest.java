package dev.ordinal.replicaset;

import static dev.ordinal.replicaset.Fixtures.NOW;
import static dev.ordinal.replicaset.Fixtures.pod;
import static dev.ordinal.replicaset.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Result;
import dev.ordinal.replicaset.ReplicaSetPlanner.Plan;
import dev.ordinal.replicaset.ReplicaSetPlanner.Snapshot;
import dev.ordinal.support.InMemoryStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real executor applying real plans to an in-memory store (as Kubernetes' replica set tests drive the real pod
 * control over a fake client): the events and messages Kubernetes records, slow start stopping at a failing batch, the
 * ReplicaFailure status, uid-guarded deletions and lost adoptions.
 */
class ReplicaSetExecutorTest {
    private static final ApiException QUOTA = new ApiException(403, "Forbidden",
            "pods \"nginx-\" is forbidden: exceeded quota", "nginx-", "", "pods", null);
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, Clock.fixed(NOW, ZoneOffset.UTC),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 10) {
        @Override
        public void record(JsonNode involved, String type, String reason, String message, String component) {
            events.add(type + " " + reason + " " + message + " [" + component + "]");
        }
    };
    private final ObjectNode rs = replicaSet(5);
    private final InMemoryStore store = new InMemoryStore(NOW);
    private final ReplicaSetExecutor executor = new ReplicaSetExecutor(store, recorder, Clock.fixed(NOW, ZoneOffset.UTC));
    private int creates;

    private Plan plan(JsonNode... pods) {
        store.seed(ResourceTypes.REPLICA_SET, rs);
        for (JsonNode p : pods) {
            store.seed(ResourceTypes.POD, p);
        }
        return ReplicaSetPlanner.plan(new Snapshot(ReplicaSetKind.REPLICA_SET, rs, List.of(pods)), NOW);
    }

    private void createsFailFromCall(int failing) {
        store.failWith(write -> write.startsWith("create Pod") && ++creates >= failing ? QUOTA : null);
    }

    private JsonNode status() {
        return store.find(ResourceTypes.REPLICA_SET, "ns1", "nginx").orElseThrow().path("status");
    }

    private List<String> created() {
        return store.list(ResourceTypes.POD, "ns1").stream().map(Json::name).toList();
    }

    @Test
    void createsRecordOneEventPerPodAndClearTheFailureCondition() {
        createsFailFromCall(Integer.MAX_VALUE);

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan());

        assertThat(result).isEqualTo(Result.DONE);
        assertThat(created()).hasSize(5).allMatch(n -> n.matches("nginx-[a-z0-9]{5}"));
        assertThat(events).hasSize(5).allMatch(e -> e.matches(
                "Normal SuccessfulCreate Created pod: nginx-[a-z0-9]{5} \\[replicaset-controller]"));
        assertThat(events.stream().map(e -> e.replaceAll(".*Created pod: (\\S+) .*", "$1")).sorted().toList())
                .isEqualTo(created());
        assertThat(status().has("conditions")).isFalse();
    }

    @Test
    void aFailingCreationStopsAfterItsBatchRecordsFailedCreateAndSetsReplicaFailure() {
        createsFailFromCall(2);

        assertThatThrownBy(() -> executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan()))
                .isInstanceOf(ReplicaSetExecutor.ManageReplicasException.class);

        // Batches 1, 2, 2: the second batch has the first failure, so its other call is made and the third is not.
        assertThat(creates).isEqualTo(3);
        assertThat(created()).hasSize(1);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).matches("Normal SuccessfulCreate Created pod: nginx-[a-z0-9]{5} \\[replicaset-controller]");
        assertThat(events.subList(1, 3)).containsOnly(
                "Warning FailedCreate Error creating: pods \"nginx-\" is forbidden: exceeded quota [replicaset-controller]");
        JsonNode condition = status().get("conditions").get(0);
        assertThat(Json.str(condition, "type")).isEqualTo("ReplicaFailure");
        assertThat(Json.str(condition, "reason")).isEqualTo("FailedCreate");
        assertThat(Json.str(condition, "message")).isEqualTo("pods \"nginx-\" is forbidden: exceeded quota");
    }

    @Test
    void deletionsAreGuardedByUidAndRecordSuccessfulDelete() {
        rs.set("spec", replicaSet(1).get("spec"));
        JsonNode a = pod("a").ownedBy(rs).build();
        JsonNode b = pod("b").ownedBy(rs).runningReady("node-1", 60).build();

        executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan(a, b));

        assertThat(store.writes()).contains("delete Pod ns1/a");
        assertThat(created()).containsExactly("b");
        assertThat(events).containsExactly("Normal SuccessfulDelete Deleted pod: a [replicaset-controller]");
        assertThat(status().get("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aPodReplacedUnderTheSameNameIsNotDeleted() {
        rs.set("spec", replicaSet(0).get("spec"));
        Plan plan = plan(pod("a").ownedBy(rs).build());
        store.seed(ResourceTypes.POD, pod("a").uid("uid-a-recreated").ownedBy(rs).build());

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan);

        assertThat(result).isEqualTo(Result.DONE);
        assertThat(created()).containsExactly("a");
        assertThat(events).isEmpty();
    }

    @Test
    void aPodAlreadyGoneIsNoFailure() {
        rs.set("spec", replicaSet(0).get("spec"));
        Plan plan = plan(pod("a").ownedBy(rs).build());
        store.delete(ResourceTypes.POD, "ns1", "a", null);

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan);

        assertThat(result).isEqualTo(Result.DONE);
        assertThat(events).isEmpty();
    }

    @Test
    void anAdoptionLostToAnotherControllerRequeuesBeforeCreatingAnything() {
        Plan plan = plan(pod("orphan").build());
        store.seed(ResourceTypes.POD, pod("orphan").controlledBy("ReplicaSet", "other", "other-uid").build());

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan);

        assertThat(result).isEqualTo(Result.REQUEUE);
        assertThat(created()).containsExactly("orphan");
        assertThat(status().isMissingNode()).isTrue();
    }
}
