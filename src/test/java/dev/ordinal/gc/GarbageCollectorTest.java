package dev.ordinal.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.Json;
import dev.ordinal.gc.GarbageCollectorPlanner.Decision;
import dev.ordinal.gc.GarbageCollectorPlanner.OwnerState;
import dev.ordinal.gc.GarbageCollectorPlanner.OwnerWork;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GarbageCollectorTest {

    private static ObjectNode object(String name, String... ownerUids) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Pod");
        Json.meta(o).put("name", name).put("namespace", "ns1").put("uid", "uid-" + name);
        for (String uid : ownerUids) {
            Json.meta(o).withArray("ownerReferences").addObject().put("apiVersion", "apps/v1")
                    .put("kind", "ReplicaSet").put("name", "rs-" + uid).put("uid", uid)
                    .put("controller", false).put("blockOwnerDeletion", true);
        }
        return o;
    }

    private static ObjectNode terminating(ObjectNode o, String... finalizers) {
        Json.meta(o).put("deletionTimestamp", "2026-01-01T00:00:00Z");
        if (finalizers.length > 0) {
            Json.meta(o).set("finalizers", Json.stringArray(List.of(finalizers)));
        }
        return o;
    }

    @Test
    void aDependentWhoseOnlyOwnerIsGoneIsDeletedInTheBackground() {
        Decision d = GarbageCollectorPlanner.forDependent(object("p", "o1"), Map.of("o1", OwnerState.ABSENT), false, Set.of());

        assertThat(d).isEqualTo(new Decision.Delete("Background"));
    }

    @Test
    void aDependentMissingFromTheLookupCountsAsDangling() {
        assertThat(GarbageCollectorPlanner.forDependent(object("p", "o1"), Map.of(), false, Set.of()))
                .isEqualTo(new Decision.Delete("Background"));
    }

    @Test
    void aDependentWithALiveOwnerOnlyLosesTheDanglingReference() {
        Decision d = GarbageCollectorPlanner.forDependent(object("p", "o1", "o2"),
                Map.of("o1", OwnerState.ABSENT, "o2", OwnerState.PRESENT), false, Set.of());

        assertThat(d).isEqualTo(new Decision.RemoveOwnerRefs(Set.of("o1")));
    }

    @Test
    void podsOfAGoneStatefulSetAreLeftToTheStatefulSetControllerToDeleteInOrder() {
        tools.jackson.databind.node.ObjectNode pod = dev.ordinal.core.Json.parse("""
                {"kind":"Pod","metadata":{"name":"nginx-2","uid":"p2","ownerReferences":[
                  {"apiVersion":"apps/v1","kind":"StatefulSet","name":"nginx","uid":"s1","controller":true}]}}""");
        // StatefulSet's definition declares orderedDependents(POD): its pods are kept, its claims collected.
        Set<String> orderedBySet = Set.of("Pod");
        assertThat(GarbageCollectorPlanner.forDependent(pod, Map.of("s1", OwnerState.ABSENT), false, orderedBySet))
                .isEqualTo(new Decision.Keep());
        tools.jackson.databind.node.ObjectNode claim = dev.ordinal.core.Json.parse("""
                {"kind":"PersistentVolumeClaim","metadata":{"name":"www-nginx-2","uid":"c2","ownerReferences":[
                  {"apiVersion":"apps/v1","kind":"StatefulSet","name":"nginx","uid":"s1","controller":true}]}}""");
        assertThat(GarbageCollectorPlanner.forDependent(claim, Map.of("s1", OwnerState.ABSENT), false, orderedBySet))
                .isEqualTo(new Decision.Delete("Background"));
    }

    @Test
    void aDependentWhoseOwnersAllLiveIsKept() {
        assertThat(GarbageCollectorPlanner.forDependent(object("p", "o1"), Map.of("o1", OwnerState.PRESENT), false, Set.of()))
                .isEqualTo(new Decision.Keep());
    }

    @Test
    void objectsWithoutOwnersOrAlreadyTerminatingAreKept() {
        assertThat(GarbageCollectorPlanner.forDependent(object("p"), Map.of(), false, Set.of())).isEqualTo(new Decision.Keep());
        assertThat(GarbageCollectorPlanner.forDependent(terminating(object("p", "o1")), Map.of(), false, Set.of()))
                .isEqualTo(new Decision.Keep());
    }

    @Test
    void aForegroundDeletingOwnerTakesItsDependentsWithIt() {
        Map<String, OwnerState> owners = Map.of("o1", OwnerState.DELETING_DEPENDENTS);

        assertThat(GarbageCollectorPlanner.forDependent(object("p", "o1"), owners, false, Set.of()))
                .isEqualTo(new Decision.Delete("Background"));
        assertThat(GarbageCollectorPlanner.forDependent(object("p", "o1"), owners, true, Set.of()))
                .as("a dependent with dependents of its own is deleted in the foreground too")
                .isEqualTo(new Decision.Delete("Foreground"));
    }

    @Test
    void aForegroundDeletingOwnerIsDroppedWhenAnotherOwnerLives() {
        Decision d = GarbageCollectorPlanner.forDependent(object("p", "o1", "o2"),
                Map.of("o1", OwnerState.DELETING_DEPENDENTS, "o2", OwnerState.PRESENT), true, Set.of());

        assertThat(d).isEqualTo(new Decision.RemoveOwnerRefs(Set.of("o1")));
    }

    @Test
    void aGarbageDependentKeepsThePolicyOfItsOwnFinalizers() {
        ObjectNode p = object("p", "o1");
        Json.meta(p).set("finalizers", Json.stringArray(List.of("orphan")));

        assertThat(GarbageCollectorPlanner.forDependent(p, Map.of("o1", OwnerState.ABSENT), false, Set.of()))
                .isEqualTo(new Decision.Delete("Orphan"));
    }

    @Test
    void ownerStateAndWorkComeFromDeletionAndFinalizers() {
        assertThat(GarbageCollectorPlanner.stateOf(null)).isEqualTo(OwnerState.ABSENT);
        assertThat(GarbageCollectorPlanner.stateOf(object("o"))).isEqualTo(OwnerState.PRESENT);
        assertThat(GarbageCollectorPlanner.stateOf(terminating(object("o"), "orphan"))).isEqualTo(OwnerState.PRESENT);
        assertThat(GarbageCollectorPlanner.stateOf(terminating(object("o"), "foregroundDeletion")))
                .isEqualTo(OwnerState.DELETING_DEPENDENTS);

        assertThat(GarbageCollectorPlanner.ownerWork(object("o"))).isEqualTo(OwnerWork.NONE);
        assertThat(GarbageCollectorPlanner.ownerWork(terminating(object("o")))).isEqualTo(OwnerWork.NONE);
        assertThat(GarbageCollectorPlanner.ownerWork(terminating(object("o"), "orphan"))).isEqualTo(OwnerWork.ORPHAN);
        assertThat(GarbageCollectorPlanner.ownerWork(terminating(object("o"), "kubernetes.io/x", "foregroundDeletion")))
                .isEqualTo(OwnerWork.FOREGROUND);
    }

    @Test
    void foregroundDeletionWaitsOnlyForBlockingDependents() {
        ObjectNode blocking = object("a", "o1");
        ObjectNode notBlocking = object("b", "o1");
        ((ObjectNode) notBlocking.get("metadata").get("ownerReferences").get(0)).put("blockOwnerDeletion", false);

        assertThat(GarbageCollectorPlanner.foregroundDone("o1", List.of(blocking, notBlocking))).isFalse();
        assertThat(GarbageCollectorPlanner.foregroundDone("o1", List.of(terminating(blocking)))).isFalse();
        assertThat(GarbageCollectorPlanner.foregroundDone("o1", List.of(notBlocking))).isTrue();
        assertThat(GarbageCollectorPlanner.foregroundDone("o1", List.of())).isTrue();
    }

    @Test
    void removingReferencesAndFinalizersDropsEmptyFields() {
        ObjectNode p = object("p", "o1", "o2");
        GarbageCollectorPlanner.removeOwnerRefs(p, Set.of("o1"));
        assertThat(Json.list(p, "metadata", "ownerReferences")).extracting(r -> r.get("uid").asString())
                .containsExactly("o2");
        GarbageCollectorPlanner.removeOwnerRefs(p, Set.of("o2"));
        assertThat(p.get("metadata").has("ownerReferences")).isFalse();

        ObjectNode o = terminating(object("o"), "orphan", "example.com/keep");
        GarbageCollectorPlanner.removeFinalizer(o, "orphan");
        assertThat(Json.strings(o, "metadata", "finalizers")).containsExactly("example.com/keep");
        GarbageCollectorPlanner.removeFinalizer(o, "example.com/keep");
        assertThat(o.get("metadata").has("finalizers")).isFalse();
    }
}
