package dev.ordinal.replicaset;

import static dev.ordinal.replicaset.Fixtures.NOW;
import static dev.ordinal.replicaset.Fixtures.pod;
import static dev.ordinal.replicaset.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Result;
import dev.ordinal.replicaset.ReplicaSetPlanner.Plan;
import dev.ordinal.replicaset.ReplicaSetPlanner.Snapshot;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The executor's contract with the store and the event recorder, with both replaced by recording fakes: the events
 * and messages Kubernetes records, slow start stopping at a failing batch, and the ReplicaFailure status.
 */
class ReplicaSetExecutorTest {
    private final ResourceStore store = mock(ResourceStore.class);
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(store, Clock.fixed(NOW, ZoneOffset.UTC),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 10) {
        @Override
        public void record(JsonNode involved, String type, String reason, String message, String component) {
            events.add(type + " " + reason + " " + message + " [" + component + "]");
        }
    };
    private final ReplicaSetExecutor executor = new ReplicaSetExecutor(store, recorder, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ObjectNode rs = replicaSet(5);
    private ObjectNode writtenStatus;
    private int creates;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void statusWritesAreApplied() {
        when(store.modify(eq(ResourceTypes.REPLICA_SET), eq("ns1"), eq("nginx"), eq(true), any()))
                .thenAnswer(inv -> {
                    ObjectNode current = Json.copy(rs);
                    ((Consumer<ObjectNode>) inv.getArgument(4)).accept(current);
                    writtenStatus = (ObjectNode) current.get("status");
                    return Optional.of(current);
                });
    }

    private void createsFailFromCall(int failing) {
        when(store.create(eq(ResourceTypes.POD), eq("ns1"), any())).thenAnswer(inv -> {
            creates++;
            if (creates >= failing) {
                throw new ApiException(403, "Forbidden", "pods \"nginx-\" is forbidden: exceeded quota", "nginx-",
                        "", "pods", null);
            }
            ObjectNode created = Json.copy(inv.getArgument(2));
            Json.meta(created).put("name", "nginx-" + "bcdfg".substring(0, 4) + creates);
            return created;
        });
    }

    private Plan plan(JsonNode... pods) {
        return ReplicaSetPlanner.plan(new Snapshot(ReplicaSetKind.REPLICA_SET, rs, List.of(pods)), NOW);
    }

    @Test
    void createsRecordOneEventPerPodAndClearTheFailureCondition() {
        createsFailFromCall(Integer.MAX_VALUE);

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan());

        assertThat(result).isEqualTo(Result.DONE);
        assertThat(creates).isEqualTo(5);
        assertThat(events).containsExactly(
                "Normal SuccessfulCreate Created pod: nginx-bcdf1 [replicaset-controller]",
                "Normal SuccessfulCreate Created pod: nginx-bcdf2 [replicaset-controller]",
                "Normal SuccessfulCreate Created pod: nginx-bcdf3 [replicaset-controller]",
                "Normal SuccessfulCreate Created pod: nginx-bcdf4 [replicaset-controller]",
                "Normal SuccessfulCreate Created pod: nginx-bcdf5 [replicaset-controller]");
        assertThat(writtenStatus.has("conditions")).isFalse();
    }

    @Test
    void aFailingCreationStopsAfterItsBatchRecordsFailedCreateAndSetsReplicaFailure() {
        createsFailFromCall(2);

        assertThatThrownBy(() -> executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan()))
                .isInstanceOf(ReplicaSetExecutor.ManageReplicasException.class);

        // Batches 1, 2, 2: the second batch has the first failure, so its other call is made and the third is not.
        assertThat(creates).isEqualTo(3);
        assertThat(events).containsExactly(
                "Normal SuccessfulCreate Created pod: nginx-bcdf1 [replicaset-controller]",
                "Warning FailedCreate Error creating: pods \"nginx-\" is forbidden: exceeded quota [replicaset-controller]",
                "Warning FailedCreate Error creating: pods \"nginx-\" is forbidden: exceeded quota [replicaset-controller]");
        JsonNode condition = writtenStatus.get("conditions").get(0);
        assertThat(Json.str(condition, "type")).isEqualTo("ReplicaFailure");
        assertThat(Json.str(condition, "reason")).isEqualTo("FailedCreate");
        assertThat(Json.str(condition, "message")).isEqualTo("pods \"nginx-\" is forbidden: exceeded quota");
    }

    @Test
    void deletionsAreGuardedByUidAndRecordSuccessfulDelete() {
        ObjectNode small = replicaSet(1);
        rs.set("spec", small.get("spec"));
        JsonNode a = pod("a").ownedBy(rs).build();
        JsonNode b = pod("b").ownedBy(rs).runningReady("node-1", 60).build();

        executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan(a, b));

        verify(store).delete(ResourceTypes.POD, "ns1", "a", new DeleteOptions(null, null, "uid-a", null));
        assertThat(events).containsExactly("Normal SuccessfulDelete Deleted pod: a [replicaset-controller]");
        assertThat(writtenStatus.get("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aPodAlreadyGoneIsNoFailure() {
        rs.set("spec", replicaSet(0).get("spec"));
        when(store.delete(eq(ResourceTypes.POD), anyString(), anyString(), any()))
                .thenThrow(ApiException.notFound(ResourceTypes.POD, "a"));

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan(pod("a").ownedBy(rs).build()));

        assertThat(result).isEqualTo(Result.DONE);
        assertThat(events).isEmpty();
    }

    @Test
    void anAdoptionLostToAnotherControllerRequeuesBeforeCreatingAnything() {
        when(store.modify(eq(ResourceTypes.POD), eq("ns1"), eq("orphan"), anyBoolean(), any()))
                .thenReturn(Optional.of(pod("orphan").controlledBy("ReplicaSet", "other", "other-uid").build()));

        Result result = executor.execute(ReplicaSetKind.REPLICA_SET, rs, plan(pod("orphan").build()));

        assertThat(result).isEqualTo(Result.REQUEUE);
        assertThat(creates).isZero();
        assertThat(writtenStatus).isNull();
    }
}
