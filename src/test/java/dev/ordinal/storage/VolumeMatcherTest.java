package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PV controller's binding rules ({@code findBestMatchForClaim} / {@code FindMatchingVolume}): each case starts from
 * a volume that matches the claim and changes one field.
 */
class VolumeMatcherTest {

    /** A claim in ns "shop" asking for 5Gi ReadWriteOnce of class "fast", volumeMode Filesystem. */
    private static ObjectNode claim() {
        return Json.parse("""
                {"metadata":{"name":"data","namespace":"shop","uid":"claim-uid"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"fast","volumeMode":"Filesystem",
                   "resources":{"requests":{"storage":"5Gi"}}}}
                """);
    }

    /** An Available, unclaimed 5Gi volume that satisfies {@link #claim()}. */
    private static ObjectNode volume(String name) {
        return Json.parse("""
                {"metadata":{"name":"%s","labels":{"tier":"gold"}},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"fast","volumeMode":"Filesystem",
                   "capacity":{"storage":"5Gi"},"persistentVolumeReclaimPolicy":"Retain"},
                 "status":{"phase":"Available"}}
                """.formatted(name));
    }

    private static ObjectNode withCapacity(ObjectNode pv, String storage) {
        Json.with(pv, "spec", "capacity").put("storage", storage);
        return pv;
    }

    private static ObjectNode withModes(ObjectNode node, String... modes) {
        ArrayNode a = Json.with(node, "spec").putArray("accessModes");
        for (String m : modes) {
            a.add(m);
        }
        return node;
    }

    private static ObjectNode preBound(ObjectNode pv, String uid) {
        ObjectNode ref = Json.with(pv, "spec", "claimRef");
        ref.put("namespace", "shop");
        ref.put("name", "data");
        if (uid != null) {
            ref.put("uid", uid);
        }
        return pv;
    }

    private static Optional<String> best(List<ObjectNode> volumes, ObjectNode claim) {
        return VolumeMatcher.bestMatch(volumes, claim, false).map(Json::name);
    }

    @Test
    void aVolumeMatchingEveryRuleBinds() {
        assertThat(best(List.of(volume("pv-a")), claim())).contains("pv-a");
        assertThat(VolumeMatcher.mismatch(volume("pv-a"), claim())).isNull();
    }

    @Test
    void aVolumeOfferingASupersetOfTheRequestedAccessModesBinds() {
        ObjectNode pv = withModes(volume("pv-a"), "ReadWriteOnce", "ReadOnlyMany");
        assertThat(best(List.of(pv), claim())).contains("pv-a");
    }

    @Test
    void aVolumeMissingARequestedAccessModeDoesNotBind() {
        ObjectNode claim = withModes(claim(), "ReadWriteOnce", "ReadWriteMany");
        assertThat(best(List.of(volume("pv-a")), claim)).isEmpty();
        assertThat(VolumeMatcher.mismatch(volume("pv-a"), claim)).isEqualTo("incompatible accessMode");
    }

    @Test
    void aVolumeOfAnotherStorageClassDoesNotBind() {
        ObjectNode pv = volume("pv-a");
        Json.with(pv, "spec").put("storageClassName", "slow");
        assertThat(best(List.of(pv), claim())).isEmpty();
        assertThat(VolumeMatcher.mismatch(pv, claim())).isEqualTo("storageClassName does not match");
    }

    @Test
    void anEmptyClassNameAndAnAbsentOneAreTheSameClass() {
        ObjectNode pv = volume("pv-a");
        Json.with(pv, "spec").remove("storageClassName");
        ObjectNode claim = claim();
        Json.with(claim, "spec").put("storageClassName", "");
        assertThat(best(List.of(pv), claim)).contains("pv-a");

        ObjectNode emptyPv = volume("pv-b");
        Json.with(emptyPv, "spec").put("storageClassName", "");
        ObjectNode unsetClaim = claim();
        Json.with(unsetClaim, "spec").remove("storageClassName");
        assertThat(best(List.of(emptyPv), unsetClaim)).contains("pv-b");
    }

    @Test
    void aClasslessVolumeDoesNotBindAClaimThatNamesAClass() {
        ObjectNode pv = volume("pv-a");
        Json.with(pv, "spec").remove("storageClassName");
        assertThat(best(List.of(pv), claim())).isEmpty();
    }

    @Test
    void aBlockVolumeDoesNotBindAFilesystemClaim() {
        ObjectNode pv = volume("pv-a");
        Json.with(pv, "spec").put("volumeMode", "Block");
        assertThat(best(List.of(pv), claim())).isEmpty();
        assertThat(VolumeMatcher.mismatch(pv, claim())).isEqualTo("incompatible volumeMode");
    }

    @Test
    void anUnsetVolumeModeMeansFilesystem() {
        ObjectNode pv = volume("pv-a");
        Json.with(pv, "spec").remove("volumeMode");
        ObjectNode claim = claim();
        Json.with(claim, "spec").remove("volumeMode");
        assertThat(best(List.of(pv), claim())).contains("pv-a");
        assertThat(best(List.of(volume("pv-b")), claim)).contains("pv-b");
    }

    @Test
    void aVolumeWhoseLabelsMatchTheClaimSelectorBindsAndOtherwiseNot() {
        ObjectNode claim = claim();
        Json.with(claim, "spec", "selector", "matchLabels").put("tier", "gold");
        assertThat(best(List.of(volume("pv-a")), claim)).contains("pv-a");

        ObjectNode silver = volume("pv-b");
        Json.with(silver, "metadata", "labels").put("tier", "silver");
        assertThat(best(List.of(silver), claim)).isEmpty();
        assertThat(VolumeMatcher.mismatch(silver, claim)).isEqualTo("volume labels do not match the claim's selector");
    }

    @Test
    void aVolumeSmallerThanTheRequestDoesNotBindButAnEqualOrLargerOneDoes() {
        assertThat(best(List.of(withCapacity(volume("pv-a"), "4Gi")), claim())).isEmpty();
        assertThat(VolumeMatcher.mismatch(withCapacity(volume("pv-a"), "4Gi"), claim()))
                .isEqualTo("requested PV is too small");
        assertThat(best(List.of(withCapacity(volume("pv-b"), "5120Mi")), claim())).contains("pv-b");
        assertThat(best(List.of(withCapacity(volume("pv-c"), "1Ti")), claim())).contains("pv-c");
    }

    @Test
    void theSmallestSufficientVolumeWins() {
        List<ObjectNode> volumes = List.of(withCapacity(volume("pv-big"), "100Gi"),
                withCapacity(volume("pv-small"), "6G"), withCapacity(volume("pv-tiny"), "1Gi"),
                withCapacity(volume("pv-mid"), "10Gi"));
        assertThat(best(volumes, claim())).contains("pv-small");
    }

    @Test
    void aVolumeWithFewerAccessModesWinsOverASmallerOneWithMoreAsTheAccessModeIndexIsSearchedFromFewestModes() {
        List<ObjectNode> volumes = List.of(withCapacity(withModes(volume("pv-rwo-rwx"), "ReadWriteOnce",
                "ReadWriteMany"), "5Gi"), withCapacity(volume("pv-rwo"), "10Gi"));
        assertThat(best(volumes, claim())).contains("pv-rwo");
    }

    @Test
    void aVolumePreBoundToTheClaimWinsOverASmallerAvailableOne() {
        ObjectNode preBound = preBound(withCapacity(volume("pv-mine"), "50Gi"), "claim-uid");
        Json.with(preBound, "status").put("phase", "Bound");
        List<ObjectNode> volumes = List.of(volume("pv-free"), preBound);
        assertThat(best(volumes, claim())).contains("pv-mine");
    }

    @Test
    void aVolumePreBoundByNameOnlyWinsToo() {
        ObjectNode preBound = preBound(withCapacity(volume("pv-mine"), "50Gi"), null);
        assertThat(best(List.of(volume("pv-free"), preBound), claim())).contains("pv-mine");
    }

    @Test
    void aVolumePreBoundToAnEarlierClaimOfTheSameNameIsNotChosen() {
        ObjectNode other = preBound(volume("pv-old"), "uid-of-a-deleted-claim");
        Json.with(other, "status").put("phase", "Released");
        assertThat(best(List.of(other), claim())).isEmpty();
    }

    @Test
    void aPreBoundVolumeTooSmallOrOfAnotherVolumeModeOrLackingAnAccessModeIsNotChosen() {
        ObjectNode small = preBound(withCapacity(volume("pv-small"), "1Gi"), "claim-uid");
        ObjectNode block = preBound(volume("pv-block"), "claim-uid");
        Json.with(block, "spec").put("volumeMode", "Block");
        ObjectNode readOnly = preBound(withModes(volume("pv-ro"), "ReadOnlyMany"), "claim-uid");
        assertThat(best(List.of(small), claim())).isEmpty();
        assertThat(best(List.of(block), claim())).isEmpty();
        assertThat(best(List.of(readOnly), claim())).isEmpty();
    }

    @Test
    void aVolumeMarkedForDeletionIsSkippedEvenWhenPreBound() {
        ObjectNode terminating = volume("pv-a");
        Json.meta(terminating).put("deletionTimestamp", "2025-01-01T00:00:00Z");
        assertThat(best(List.of(terminating), claim())).isEmpty();
        assertThat(VolumeMatcher.mismatch(terminating, claim())).isEqualTo("the volume is marked for deletion");

        ObjectNode preBound = preBound(volume("pv-b"), "claim-uid");
        Json.meta(preBound).put("deletionTimestamp", "2025-01-01T00:00:00Z");
        assertThat(best(List.of(preBound), claim())).isEmpty();
    }

    @Test
    void aReleasedVolumeIsNotBoundAgain() {
        ObjectNode released = preBound(volume("pv-a"), "uid-of-a-deleted-claim");
        Json.with(released, "spec", "claimRef").put("name", "old-claim");
        Json.with(released, "status").put("phase", "Released");
        assertThat(best(List.of(released), claim())).isEmpty();
    }

    @Test
    void aVolumeNotYetAvailableIsNotBound() {
        ObjectNode pending = volume("pv-a");
        Json.with(pending, "status").put("phase", "Pending");
        assertThat(best(List.of(pending), claim())).isEmpty();
    }

    @Test
    void anAvailableVolumeClaimedByAnotherClaimIsNotBound() {
        ObjectNode claimed = volume("pv-a");
        ObjectNode ref = Json.with(claimed, "spec", "claimRef");
        ref.put("namespace", "shop");
        ref.put("name", "someone-else");
        assertThat(best(List.of(claimed), claim())).isEmpty();
    }

    @Test
    void withDelayedBindingOnlyAVolumePreBoundToTheClaimIsChosen() {
        assertThat(VolumeMatcher.bestMatch(List.of(volume("pv-free")), claim(), true)).isEmpty();
        ObjectNode preBound = preBound(volume("pv-mine"), "claim-uid");
        assertThat(VolumeMatcher.bestMatch(List.of(volume("pv-free"), preBound), claim(), true).map(Json::name))
                .contains("pv-mine");
    }

    @Test
    void aClaimRefNamesTheClaimByNamespaceNameAndUidWhenGiven() {
        ObjectNode ref = Json.parse("{\"namespace\":\"shop\",\"name\":\"data\"}");
        assertThat(VolumeMatcher.refersTo(ref, claim())).isTrue();
        ref.put("uid", "claim-uid");
        assertThat(VolumeMatcher.refersTo(ref, claim())).isTrue();
        ref.put("uid", "other");
        assertThat(VolumeMatcher.refersTo(ref, claim())).isFalse();
        assertThat(VolumeMatcher.refersTo(Json.parse("{\"namespace\":\"other\",\"name\":\"data\"}"), claim())).isFalse();
    }
}
