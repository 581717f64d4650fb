package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import dev.ordinal.storage.VolumeAction.DetachEverywhere;
import dev.ordinal.storage.VolumeAction.Reclaim;
import dev.ordinal.storage.VolumeAction.RemoveProtection;
import dev.ordinal.storage.VolumeAction.SetPhase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The volume controller's decisions: a volume pv-1 bound to claim default/www, changed one field per case. */
class VolumePlannerTest {

    private static ObjectNode volume() {
        return Json.parse("""
                {"metadata":{"name":"pv-1","finalizers":["kubernetes.io/pv-protection"]},
                 "spec":{"persistentVolumeReclaimPolicy":"Delete",
                         "claimRef":{"namespace":"default","name":"www","uid":"claim-uid"}},
                 "status":{"phase":"Bound"}}""");
    }

    private static ObjectNode claim() {
        return Json.parse("""
                {"metadata":{"name":"www","namespace":"default","uid":"claim-uid"},"spec":{"volumeName":"pv-1"}}""");
    }

    @Test
    void aBoundVolumeWhoseClaimNamesItNeedsNothing() {
        assertThat(VolumePlanner.plan(volume(), claim())).isEmpty();
    }

    @Test
    void aVolumeWithoutClaimRefBecomesAvailable() {
        ObjectNode pv = volume();
        Json.with(pv, "spec").remove("claimRef");

        assertThat(VolumePlanner.plan(pv, null)).containsExactly(new SetPhase("Available"));
    }

    @Test
    void aVolumeWhoseClaimIsGoneIsReleasedDetachedAndDeletedByItsPolicy() {
        assertThat(VolumePlanner.plan(volume(), null))
                .containsExactly(new SetPhase("Released"), new DetachEverywhere(), new Reclaim());
    }

    @Test
    void aRetainedVolumeStaysReleased() {
        ObjectNode pv = volume();
        Json.with(pv, "spec").put("persistentVolumeReclaimPolicy", "Retain");

        assertThat(VolumePlanner.plan(pv, null)).containsExactly(new SetPhase("Released"));
    }

    @Test
    void aClaimOfTheSameNameButAnotherUidReleasesTheVolume() {
        ObjectNode other = claim();
        Json.meta(other).put("uid", "another");

        assertThat(VolumePlanner.plan(volume(), other)).startsWith(new SetPhase("Released"));
    }

    @Test
    void aClaimNotNamingTheVolumeYetLeavesItToTheBinder() {
        ObjectNode binding = claim();
        Json.with(binding, "spec").remove("volumeName");

        assertThat(VolumePlanner.plan(volume(), binding)).isEmpty();
    }

    @Test
    void aFailedVolumeKeepsItsPhase() {
        ObjectNode pv = volume();
        Json.with(pv, "spec").put("persistentVolumeReclaimPolicy", "Retain");
        Json.with(pv, "status").put("phase", "Failed");

        assertThat(VolumePlanner.plan(pv, null)).isEmpty();
    }

    @Test
    void aRetainedVolumeBeingDeletedLosesItsProtectionOnceUnbound() {
        ObjectNode pv = volume();
        Json.with(pv, "spec").put("persistentVolumeReclaimPolicy", "Retain");
        Json.meta(pv).put("deletionTimestamp", "2026-01-01T00:00:00Z");

        assertThat(VolumePlanner.plan(pv, null)).containsExactly(new SetPhase("Released"), new RemoveProtection());
    }

    @Test
    void aVolumeThatIsGoneIsDetachedEverywhere() {
        assertThat(VolumePlanner.plan(null, null)).containsExactly(new DetachEverywhere());
    }
}
