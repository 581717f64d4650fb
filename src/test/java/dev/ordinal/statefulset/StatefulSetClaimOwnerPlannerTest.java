package dev.ordinal.statefulset;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.UpdateClaimOwnerRefs;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static dev.ordinal.statefulset.StatefulSetFixtures.setRetention;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim ownerReferences under a Delete retention policy as Kubernetes 1.32 keeps them ({@code isClaimOwnerUpToDate},
 * {@code hasNonControllerOwner}, {@code updateClaimOwnerRefForSetAndPod}, from kubernetes/kubernetes#122499).
 */
class StatefulSetClaimOwnerPlannerTest {

    private static StatefulSetFakeCluster converged(Policy policy, String whenScaled, String whenDeleted) {
        ObjectNode set = nginx(policy, 1);
        setRetention(set, whenScaled, whenDeleted);
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.converge(20);
        return c;
    }

    private static List<JsonNode> refs(StatefulSetFakeCluster c, String claim) {
        return Json.list(c.claims.get(claim), "metadata", "ownerReferences");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aNonControllerReferenceToTheSetIsRewrittenAsItsController(Policy policy) {
        StatefulSetFakeCluster c = converged(policy, "Retain", "Delete");
        ObjectNode ref = (ObjectNode) refs(c, "www-nginx-0").get(0);
        ref.put("controller", false);

        StatefulSetPlan plan = c.step();

        assertThat(plan.of(UpdateClaimOwnerRefs.class)).hasSize(1);
        assertThat(refs(c, "www-nginx-0")).singleElement().satisfies(r -> {
            assertThat(Json.str(r, "uid")).isEqualTo(StatefulSetFixtures.SET_UID);
            assertThat(r.get("controller").asBoolean()).isTrue();
            assertThat(r.get("blockOwnerDeletion").asBoolean()).isTrue();
        });
        assertThat(c.step().of(UpdateClaimOwnerRefs.class)).as("then up to date").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aReferenceToTheSetWithoutTheControllerFieldIsRewrittenToo(Policy policy) {
        StatefulSetFakeCluster c = converged(policy, "Delete", "Delete");
        ((ObjectNode) refs(c, "www-nginx-0").get(0)).remove("controller");

        c.step();

        assertThat(refs(c, "www-nginx-0")).singleElement()
                .satisfies(r -> assertThat(r.get("controller").asBoolean()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void anotherControllerKeepsTheClaimAndTheSetsReferenceIsScrubbed(Policy policy) {
        StatefulSetFakeCluster c = converged(policy, "Retain", "Delete");
        ObjectNode other = Json.object();
        other.put("apiVersion", "example.com/v1").put("kind", "Owner").put("name", "o").put("uid", "other")
                .put("controller", true);
        ((tools.jackson.databind.node.ArrayNode) c.claims.get("www-nginx-0").get("metadata").get("ownerReferences"))
                .add(other);

        StatefulSetPlan plan = c.step();

        assertThat(c.events).extracting(StatefulSetAction.RecordEvent::reason).contains("ConflictingController");
        assertThat(plan.of(UpdateClaimOwnerRefs.class)).hasSize(1);
        assertThat(refs(c, "www-nginx-0")).singleElement()
                .satisfies(r -> assertThat(Json.str(r, "uid")).isEqualTo("other"));
    }
}
