package dev.ordinal.statefulset;

import static dev.ordinal.statefulset.StatefulSetFixtures.NS;
import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ordinal.controller.PodStatus;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Result;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import dev.ordinal.support.InMemoryStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real planner and the real executor over an in-memory store, pass after pass, with a kubelet step that makes
 * created pods Running and Ready (as Kubernetes' stateful_set_control_test drives the real control over a fake pod
 * control): what is created, in which order, with which events, and how failures and stale plans end a pass.
 */
class StatefulSetExecutorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** The events of creating nginx-0..2, each claim then its pod. */
    private static final List<String> THREE_CREATED = List.of(
            "Normal SuccessfulCreate create Claim www-nginx-0 Pod nginx-0 in StatefulSet nginx success",
            "Normal SuccessfulCreate create Pod nginx-0 in StatefulSet nginx successful",
            "Normal SuccessfulCreate create Claim www-nginx-1 Pod nginx-1 in StatefulSet nginx success",
            "Normal SuccessfulCreate create Pod nginx-1 in StatefulSet nginx successful",
            "Normal SuccessfulCreate create Claim www-nginx-2 Pod nginx-2 in StatefulSet nginx success",
            "Normal SuccessfulCreate create Pod nginx-2 in StatefulSet nginx successful");
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, Clock.fixed(NOW, ZoneOffset.UTC),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 10) {
        @Override
        public void record(JsonNode involved, String type, String reason, String message, String component) {
            events.add(type + " " + reason + " " + message);
        }
    };
    private final InMemoryStore store = new InMemoryStore(NOW);
    private final StatefulSetExecutor executor = new StatefulSetExecutor(store, recorder);

    private InMemoryStore withSet(int replicas) {
        return store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.ORDERED_READY, replicas));
    }

    /** One reconcile pass: a snapshot from the store, the planner's plan, the executor's writes. */
    private Result pass() {
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        Map<String, ObjectNode> claims = store.list(ResourceTypes.PERSISTENT_VOLUME_CLAIM, NS).stream()
                .collect(Collectors.toMap(Json::name, c -> c));
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set,
                store.list(ResourceTypes.POD, NS), claims, store.list(ResourceTypes.CONTROLLER_REVISION, NS), NOW));
        return executor.execute(set, plan);
    }

    /** The kubelet's part: every pod that is not yet running becomes Running and Ready. */
    private void kubelet() {
        for (ObjectNode pod : store.list(ResourceTypes.POD, NS)) {
            store.modify(ResourceTypes.POD, NS, Json.name(pod), true, p -> {
                Json.with(p, "status").put("phase", "Running");
                PodStatus.setCondition(p, "Ready", "True", null, null, Json.time(NOW.minusSeconds(60)));
            });
        }
    }

    private List<String> names(dev.ordinal.core.ResourceType type) {
        return store.list(type, NS).stream().map(Json::name).toList();
    }

    @Test
    void scalingUpCreatesEachClaimThenItsPodOneOrdinalAtATime() {
        withSet(3);
        for (int i = 0; i < 8; i++) {
            pass();
            kubelet();
        }

        assertThat(names(ResourceTypes.POD)).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).containsExactly("www-nginx-0", "www-nginx-1", "www-nginx-2");
        assertThat(events).containsExactlyElementsOf(THREE_CREATED);
        JsonNode status = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow().get("status");
        assertThat(status.get("readyReplicas").asInt()).isEqualTo(3);
        assertThat(store.find(ResourceTypes.POD, NS, "nginx-1").orElseThrow().at("/metadata/ownerReferences/0/uid")
                .asString()).isEqualTo(StatefulSetFixtures.SET_UID);
    }

    /** {@link #store} seen through a store that notes the size of every run of creates handed to it. */
    private dev.ordinal.store.ObjectStore noting(List<Integer> runs) {
        return new dev.ordinal.store.ObjectStore() {
            public java.util.Optional<ObjectNode> find(dev.ordinal.core.ResourceType t, String ns, String n) {
                return store.find(t, ns, n);
            }

            public List<ObjectNode> list(dev.ordinal.core.ResourceType t, String ns) {
                return store.list(t, ns);
            }

            public ObjectNode create(dev.ordinal.core.ResourceType t, String ns, ObjectNode o) {
                return store.create(t, ns, o);
            }

            public ObjectNode update(dev.ordinal.core.ResourceType t, String ns, String n, ObjectNode o, boolean s) {
                return store.update(t, ns, n, o, s);
            }

            public java.util.Optional<ObjectNode> modify(dev.ordinal.core.ResourceType t, String ns, String n,
                                                         boolean s, java.util.function.Consumer<ObjectNode> c) {
                return store.modify(t, ns, n, s, c);
            }

            public ObjectNode delete(dev.ordinal.core.ResourceType t, String ns, String n,
                                     dev.ordinal.store.DeleteOptions o) {
                return store.delete(t, ns, n, o);
            }

            @Override
            public List<Created> createAll(List<Create> creates) {
                runs.add(creates.size());
                return dev.ordinal.store.ObjectStore.super.createAll(creates);
            }
        };
    }

    private void parallelPass(List<Integer> runs) {
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        StatefulSetPlan plan = StatefulSetPlanner.plan(
                new StatefulSetSnapshot(set, List.of(), Map.of(), List.of(), NOW));
        new StatefulSetExecutor(noting(runs), recorder).execute(set, plan);
    }

    @Test
    void aNewParallelSetsRevisionClaimsAndPodsGoToTheStoreAsOneRunWithTheEventsOfEachCreate() {
        store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.PARALLEL, 3));
        List<Integer> runs = new ArrayList<>();

        parallelPass(runs);

        assertThat(runs).containsExactly(7);
        assertThat(names(ResourceTypes.CONTROLLER_REVISION)).hasSize(1);
        assertThat(names(ResourceTypes.POD)).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(events).containsExactlyElementsOf(THREE_CREATED);
    }

    @Test
    void aPassRecordsItsEventsOnlyOnceItsWritesHaveCommitted() {
        store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.PARALLEL, 3));
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set, List.of(), Map.of(), List.of(), NOW));
        new StatefulSetExecutor(committingStore(false), recorder).execute(set, plan);

        assertThat(events).first().isEqualTo("commit");
        assertThat(events.subList(1, events.size())).containsExactlyElementsOf(THREE_CREATED);
    }

    @Test
    void aPassWhoseCommitFailsRecordsNoEvents() {
        store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.PARALLEL, 3));
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set, List.of(), Map.of(), List.of(), NOW));

        assertThatThrownBy(() -> new StatefulSetExecutor(committingStore(true), recorder).execute(set, plan))
                .hasMessage("commit failed");

        assertThat(events).isEmpty();
    }

    /**
     * {@link #store} whose groups of steps note "commit" among the events when they end (and then run what was asked
     * to run after them), or fail to commit (and run none of it).
     */
    private dev.ordinal.store.ObjectStore committingStore(boolean commitFails) {
        dev.ordinal.store.ObjectStore inner = noting(new ArrayList<>());
        List<Runnable> after = new ArrayList<>();
        return (dev.ordinal.store.ObjectStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {dev.ordinal.store.ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("afterSteps")) {
                        after.add((Runnable) args[0]);
                        return null;
                    }
                    if (method.getName().equals("writeInSteps")) {
                        ((Runnable) args[0]).run();
                        if (commitFails) {
                            throw new IllegalStateException("commit failed");
                        }
                        events.add("commit");
                        after.forEach(Runnable::run);
                        return null;
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRevisionNameTakenInARunCountsACollisionCreatesNothingElseAndRequeues() {
        store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.PARALLEL, 3));
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set, List.of(), Map.of(), List.of(), NOW));
        String revision = Json.name(plan.of(StatefulSetAction.CreateRevision.class).get(0).revision());
        store.seed(ResourceTypes.CONTROLLER_REVISION,
                Json.parse("{\"metadata\":{\"name\":\"" + revision + "\",\"namespace\":\"default\"}}"));
        List<Integer> runs = new ArrayList<>();

        Result result = new StatefulSetExecutor(noting(runs), recorder).execute(set, plan);

        assertThat(result).isEqualTo(Result.REQUEUE);
        assertThat(runs).containsExactly(7);
        assertThat(names(ResourceTypes.POD)).isEmpty();
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).isEmpty();
        assertThat(store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow().at("/status/collisionCount")
                .asInt()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aRefusedClaimInARunStopsTheCreatesAfterItAsAloneItWould() {
        store.seed(ResourceTypes.STATEFUL_SET, nginx(Policy.PARALLEL, 3)).failWith(w ->
                w.equals("create PersistentVolumeClaim default/www-nginx-1") ? new ApiException(403, "Forbidden",
                        "no claims today", "www-nginx-1", "", "persistentvolumeclaims", null) : null);

        assertThatThrownBy(() -> parallelPass(new ArrayList<>()))
                .isInstanceOf(StatefulSetExecutor.SyncFailedException.class);

        assertThat(names(ResourceTypes.POD)).containsExactly("nginx-0");
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).containsExactly("www-nginx-0");
        assertThat(events).containsExactly(
                "Normal SuccessfulCreate create Claim www-nginx-0 Pod nginx-0 in StatefulSet nginx success",
                "Normal SuccessfulCreate create Pod nginx-0 in StatefulSet nginx successful",
                "Warning FailedCreate create Claim www-nginx-1 for Pod nginx-1 in StatefulSet nginx failed error: "
                        + "no claims today",
                "Warning FailedCreate create Pod nginx-1 in StatefulSet nginx failed error: failed to create PVC "
                        + "www-nginx-1: no claims today");
    }

    @Test
    void aRefusedPodCreationRecordsFailedCreateWritesStatusAndFailsThePass() {
        withSet(1).failWith(w -> w.equals("create Pod default/nginx-0") ? new ApiException(403, "Forbidden",
                "pods \"nginx-0\" is forbidden: exceeded quota", "nginx-0", "", "pods", null) : null);
        assertThatThrownBy(this::pass).isInstanceOf(StatefulSetExecutor.SyncFailedException.class);

        assertThat(events).contains("Warning FailedCreate create Pod nginx-0 in StatefulSet nginx failed error: "
                + "pods \"nginx-0\" is forbidden: exceeded quota");
        assertThat(names(ResourceTypes.POD)).isEmpty();
        assertThat(store.writes()).last().isEqualTo("status StatefulSet default/nginx");
    }

    @Test
    void aPodNameTakenSinceThePlanWasMadeRequeuesThePass() {
        withSet(1);
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set, List.of(), Map.of(), List.of(), NOW));
        store.seed(ResourceTypes.POD, Json.parse("{\"metadata\":{\"name\":\"nginx-0\",\"namespace\":\"default\"}}"));

        Result result = executor.execute(set, plan);

        assertThat(result).isEqualTo(Result.REQUEUE);
        assertThat(events).containsExactly(
                "Normal SuccessfulCreate create Claim www-nginx-0 Pod nginx-0 in StatefulSet nginx success");
    }

    @Test
    void scalingDownDeletesTheHighestOrdinalGuardedByItsUid() {
        withSet(2);
        for (int i = 0; i < 6; i++) {
            pass();
            kubelet();
        }
        ObjectNode set = store.find(ResourceTypes.STATEFUL_SET, NS, "nginx").orElseThrow();
        Json.with(set, "spec").put("replicas", 1);
        store.update(ResourceTypes.STATEFUL_SET, NS, "nginx", set, false);
        events.clear();

        pass();

        assertThat(store.writes()).contains("delete Pod default/nginx-1");
        assertThat(names(ResourceTypes.POD)).containsExactly("nginx-0");
        assertThat(events).containsExactly("Normal SuccessfulDelete delete Pod nginx-1 in StatefulSet nginx successful");
    }
}
