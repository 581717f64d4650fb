package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ObjectCacheTest {
    /** Pods with the indexes their definition (pod/PodKinds) declares. */
    private static final KindDefinition POD = KindDefinition.builder(ResourceTypes.POD)
            .index(Pods.ON_NODE).index(Pods.ACTIVE_ON_NODE).index(Pods.RUNNING_ON_NODE).index(Pods.BY_CLAIM).build();
    private final ObjectCache cache = new ObjectCache(KindRegistry.of(POD));

    private List<ObjectNode> podsOnNode(String node) {
        return Pods.onNode(cache, node);
    }

    private List<ObjectNode> podsUsingClaim(String namespace, String claim) {
        return Pods.usingClaim(cache, namespace, claim);
    }

    private static ObjectNode pod(String ns, String name, String uid, String node, String ownerUid, String claim) {
        ObjectNode p = Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{}, \"spec\":{}}");
        Json.meta(p).put("namespace", ns).put("name", name).put("uid", uid);
        if (ownerUid != null) {
            Json.meta(p).putArray("ownerReferences").addObject().put("kind", "StatefulSet").put("name", "web")
                    .put("uid", ownerUid).put("controller", true);
        }
        if (node != null) {
            Json.with(p, "spec").put("nodeName", node);
        }
        if (claim != null) {
            Json.with(p, "spec").putArray("volumes").addObject().put("name", "v").putObject("persistentVolumeClaim")
                    .put("claimName", claim);
        }
        return p;
    }

    private void change(String type, ObjectNode obj, long rv) {
        cache.apply(new WatchEvent(type, ResourceTypes.POD, obj, rv));
    }

    @Test
    void everyReadIsACopyTheReaderOwnsWhetherOrNotTheParsedTreeIsKept() {
        ObjectCache small = new ObjectCache(KindRegistry.of(POD), 1); // Keeps no tree beyond the last parsed.
        for (ObjectCache c : List.of(cache, small)) {
            c.apply(new WatchEvent("ADDED", ResourceTypes.POD, pod("a", "web-0", "u0", "node-1", "set", "c"), 1));
            c.apply(new WatchEvent("ADDED", ResourceTypes.POD, pod("a", "web-1", "u1", "node-1", "set", "d"), 2));
            for (int round = 0; round < 3; round++) {
                for (String name : List.of("web-0", "web-1")) {
                    ObjectNode read = c.get(ResourceTypes.POD, "a", name).orElseThrow();
                    assertThat(Json.name(read)).isEqualTo(name);
                    Json.meta(read).put("name", "edited");
                    Json.with(read, "spec").put("nodeName", "elsewhere");
                }
            }
            assertThat(c.list(ResourceTypes.POD, "a")).extracting(Json::name).containsExactly("web-0", "web-1");
            assertThat(Pods.onNode(c, "node-1")).extracting(p -> Pods.nodeName(p)).containsOnly("node-1");
        }
    }

    @Test
    void readersAnswerFromTheCachedTreesInNameOrder() {
        change("ADDED", pod("a", "web-1", "u1", "node-1", "set", "c"), 1);
        change("ADDED", pod("a", "web-0", "u0", "node-2", "set", "d"), 2);
        change("ADDED", pod("b", "web-0", "u2", "node-1", "set", "e"), 3);
        assertThat(cache.readAll(ResourceTypes.POD, "a", Pods::nodeName)).containsExactly("node-2", "node-1");
        assertThat(cache.readAll(ResourceTypes.POD, null, Json::uid)).containsExactly("u0", "u1", "u2");
        assertThat(cache.readAll(ResourceTypes.POD, null, p -> "node-1".equals(Pods.nodeName(p)) ? Json.uid(p) : null))
                .containsExactly("u1", "u2");
        assertThat(cache.read(ResourceTypes.POD, "b", "web-0", Json::uid)).contains("u2");
        assertThat(cache.read(ResourceTypes.POD, "b", "web-9", Json::uid)).isEmpty();
        assertThat(cache.readByIndex(ResourceTypes.POD, Pods.ON_NODE, "node-1", Json::uid))
                .containsExactlyInAnyOrder("u1", "u2");
    }

    @Test
    void claimsOnANodeComeFromThePodsIndexKeysAndFollowTheirPhase() {
        change("ADDED", pod("a", "web-1", "u1", "node-1", "set", "c"), 1);
        change("ADDED", pod("b", "web-0", "u2", "node-1", "set", "e"), 2);
        change("ADDED", pod("a", "web-0", "u0", "node-2", "set", "d"), 3);
        assertThat(Pods.claimsOnNode(cache, Pods.ON_NODE, "node-1")).extracting(c -> c[0] + "/" + c[1])
                .containsExactlyInAnyOrder("a/c", "b/e");
        assertThat(Pods.claimsOnNode(cache, Pods.RUNNING_ON_NODE, "node-1")).isEmpty();

        ObjectNode running = pod("a", "web-1", "u1", "node-1", "set", "c");
        running.putObject("status").put("phase", "Running");
        change("MODIFIED", running, 4);
        ObjectNode failed = pod("b", "web-0", "u2", "node-1", "set", "e");
        failed.putObject("status").put("phase", "Failed");
        change("MODIFIED", failed, 5);
        assertThat(Pods.claimsOnNode(cache, Pods.RUNNING_ON_NODE, "node-1")).extracting(c -> c[0] + "/" + c[1])
                .containsExactly("a/c");
        assertThat(Pods.claimsOnNode(cache, Pods.ACTIVE_ON_NODE, "node-1")).extracting(c -> c[0] + "/" + c[1])
                .containsExactly("a/c");
        assertThat(cache.indexValues(ResourceTypes.POD, "b", "web-0", Pods.BY_CLAIM)).containsExactly("b/e");
        change("DELETED", failed, 6);
        assertThat(cache.indexValues(ResourceTypes.POD, "b", "web-0", Pods.BY_CLAIM)).isEmpty();
        assertThat(Pods.claimsOnNode(cache, Pods.ON_NODE, "node-1")).hasSize(1);
    }

    @Test
    void indexesFollowAnUpdateThatMovesAPod() {
        change("ADDED", pod("a", "web-0", "u0", "node-1", "set", "data-web-0"), 1);
        assertThat(podsOnNode("node-1")).extracting(Json::name).containsExactly("web-0");
        assertThat(cache.controlledBy(ResourceTypes.POD, "set")).hasSize(1);
        assertThat(podsUsingClaim("a", "data-web-0")).hasSize(1);

        change("MODIFIED", pod("a", "web-0", "u0", "node-2", null, null), 2);
        assertThat(podsOnNode("node-1")).isEmpty();
        assertThat(podsOnNode("node-2")).extracting(Json::name).containsExactly("web-0");
        assertThat(cache.controlledBy(ResourceTypes.POD, "set")).isEmpty();
        assertThat(cache.uncontrolled(ResourceTypes.POD, "a")).hasSize(1);
        assertThat(podsUsingClaim("a", "data-web-0")).isEmpty();
        assertThat(cache.version()).isEqualTo(2);
    }

    @Test
    void aDeleteRemovesTheObjectFromEveryIndex() {
        change("ADDED", pod("a", "web-0", "u0", "node-1", "set", "c"), 1);
        change("DELETED", pod("a", "web-0", "u0", "node-1", "set", "c"), 2);
        assertThat(cache.get(ResourceTypes.POD, "a", "web-0")).isEmpty();
        assertThat(cache.byUid("u0")).isEmpty();
        assertThat(podsOnNode("node-1")).isEmpty();
        assertThat(cache.dependentsOf("set")).isEmpty();
        assertThat(podsUsingClaim("a", "c")).isEmpty();
        assertThat(cache.withOwners()).isEmpty();
    }

    @Test
    void listsAreInNamespaceAndNameOrderAndPrefixesStayInTheirNamespace() {
        change("ADDED", pod("b", "web-1", "u1", null, null, null), 1);
        change("ADDED", pod("a", "web-0", "u2", null, null, null), 2);
        change("ADDED", pod("a", "db-0", "u3", null, null, null), 3);
        change("ADDED", pod("a-b", "web-9", "u4", null, null, null), 4);
        assertThat(cache.list(ResourceTypes.POD, null)).extracting(Json::name)
                .containsExactly("web-9", "db-0", "web-0", "web-1"); // "a-b/" sorts before "a/" by code point
        assertThat(cache.list(ResourceTypes.POD, "a")).extracting(Json::name).containsExactly("db-0", "web-0");
        assertThat(cache.listPrefixed(ResourceTypes.POD, "a", "web-")).extracting(Json::name).containsExactly("web-0");
    }

    @Test
    void aSnapshotReportsTheVersionItShows() {
        change("ADDED", pod("a", "p", "u", null, null, null), 7);
        cache.advanceTo(9);
        ResourceStore.Snapshot s = cache.snapshot(ResourceTypes.POD, "a");
        assertThat(s.resourceVersion()).isEqualTo(9);
        assertThat(s.items()).hasSize(1);
    }

    @Test
    void aSnapshotOfOneNameHoldsOnlyThatNameAtTheVersionItShows() {
        change("ADDED", pod("a", "web-0", "u1", null, null, null), 1);
        change("ADDED", pod("a", "web-1", "u2", null, null, null), 2);
        change("ADDED", pod("b", "web-0", "u3", null, null, null), 3);
        cache.advanceTo(5);
        ResourceStore.Snapshot one = cache.snapshot(ResourceTypes.POD, "a", "web-0");
        assertThat(one.resourceVersion()).isEqualTo(5);
        assertThat(one.items()).extracting(Json::uid).containsExactly("u1");
        // Across namespaces every object of that name, in namespace order; and a name nobody has, none.
        assertThat(cache.snapshot(ResourceTypes.POD, null, "web-0").items()).extracting(Json::uid)
                .containsExactly("u1", "u3");
        assertThat(cache.snapshot(ResourceTypes.POD, "a", "web-9").items()).isEmpty();
        assertThat(cache.snapshot(ResourceTypes.POD, "a", null).items()).hasSize(2);
    }

    @Test
    void aReplaceStartsOverFromTheList() {
        change("ADDED", pod("a", "gone", "u1", "node-1", null, null), 1);
        cache.replace(10, List.of(new Typed(ResourceTypes.POD, pod("a", "kept", "u2", "node-1", null, null))));
        assertThat(cache.list(ResourceTypes.POD, null)).extracting(Json::name).containsExactly("kept");
        assertThat(podsOnNode("node-1")).extracting(Json::name).containsExactly("kept");
        assertThat(cache.version()).isEqualTo(10);
    }

    @Test
    void everyReadIsAFreshCopyTheCallerMayEdit() {
        change("ADDED", pod("a", "p", "u", null, null, null), 1);
        Json.meta(cache.get(ResourceTypes.POD, "a", "p").orElseThrow()).put("name", "changed");
        assertThat(Json.name(cache.get(ResourceTypes.POD, "a", "p").orElseThrow())).isEqualTo("p");
    }

    @Test
    void waitingForAVersionReturnsOnceItIsReached() throws Exception {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            cache.advanceTo(5);
        });
        t.start();
        assertThat(cache.awaitVersion(5, 10_000)).isTrue();
        assertThat(cache.awaitVersion(6, 10)).isFalse();
    }

    @Test
    void aChangeDeliveredAgainAfterARelistChangesNothing() {
        ObjectNode newer = pod("a", "p", "u", "node-2", null, null);
        Json.meta(newer).put("resourceVersion", "12");
        cache.replace(10, List.of(new Typed(ResourceTypes.POD, newer)));
        ObjectNode older = pod("a", "p", "u", "node-1", null, null);
        Json.meta(older).put("resourceVersion", "11");
        change("MODIFIED", older, 11);
        assertThat(Json.str(cache.get(ResourceTypes.POD, "a", "p").orElseThrow(), "spec", "nodeName"))
                .isEqualTo("node-2");
        assertThat(cache.version()).isEqualTo(11);
    }

    /**
     * The race behind a replica set that created a pod too many: while another writer updated an orphan, the set's
     * read of its candidates found it under no index value. Readers must see every object somewhere, exactly once.
     */
    @Test
    void readersNeverSeeAnObjectMissingOrTwiceWhileItIsUpdated() throws Exception {
        change("ADDED", pod("a", "web-0", "u0", "node-1", null, null), 1);
        int updates = 20_000;
        Thread writer = new Thread(() -> {
            for (int v = 2; v <= updates; v++) {
                // Alternately adopted and released: the pod moves between the two index values the set reads.
                change("MODIFIED", pod("a", "web-0", "u0", "node-1", v % 2 == 0 ? "set" : null, null), v);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            assertThat(cache.controlledByOrUncontrolled(ResourceTypes.POD, "set", "a")).hasSize(1);
            assertThat(cache.byUid("u0")).isPresent();
            assertThat(podsOnNode("node-1")).hasSize(1);
            reads++;
        }
        writer.join();
        assertThat(cache.version()).isEqualTo(updates);
    }

    @Test
    void aKindsDeclaredIndexFilesItsObjectsUnderEveryValueAndCountsActivePodsWithoutReadingThem() {
        ObjectNode running = pod("a", "web-0", "u0", "node-1", null, null);
        ObjectNode done = pod("a", "job-0", "u1", "node-1", null, null);
        Json.with(done, "status").put("phase", "Succeeded");
        change("ADDED", running, 1);
        change("ADDED", done, 2);
        assertThat(podsOnNode("node-1")).hasSize(2);
        assertThat(Pods.countActiveOnNode(cache, "node-1")).isEqualTo(1);
        assertThat(cache.byIndex(ResourceTypes.POD, Pods.ON_NODE, "node-1", "node-2")).hasSize(2);
    }

    @Test
    void anIndexTheKindDoesNotDeclareIsRefused() {
        ObjectIndex undeclared = ObjectIndex.single("spec.hostname", p -> Json.str(p, "spec", "hostname"));
        assertThatThrownBy(() -> cache.byIndex(ResourceTypes.POD, undeclared, "h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec.hostname");
        assertThatThrownBy(() -> cache.byIndex(ResourceTypes.EVENT, Pods.ON_NODE, "node-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void objectsBeingDeletedAreIndexedUntilTheyAreGone() {
        ObjectNode p = pod("a", "web-0", "u0", null, null, null);
        change("ADDED", p, 1);
        assertThat(cache.terminating()).isEmpty();
        Json.meta(p).put("deletionTimestamp", "2026-01-01T00:00:00Z");
        change("MODIFIED", p, 2);
        assertThat(cache.terminating()).extracting(Json::name).containsExactly("web-0");
        change("DELETED", p, 3);
        assertThat(cache.terminating()).isEmpty();
    }
}
