package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A restarted instance on the same embedded data directory holds the lease under the same name at once. */
class LeaseIdentityTest {

    @Test
    void theSameDataDirectoryGivesTheSameHolderName() {
        assertThat(LeaderElection.stableIdentity("", "", "./data/postgres"))
                .isEqualTo(LeaderElection.stableIdentity(null, null, "data/postgres"))
                .isNotEqualTo(LeaderElection.stableIdentity("", "", "./data/other"));
    }

    @Test
    void instancesOnASharedDatabaseGetNamesOfTheirOwnUnlessConfigured() {
        String url = "jdbc:postgresql://db/ordinal";
        assertThat(LeaderElection.stableIdentity("", url, "./data/postgres"))
                .isNotEqualTo(LeaderElection.stableIdentity("", url, "./data/postgres"));
        assertThat(LeaderElection.stableIdentity("pod-a", url, "")).isEqualTo("pod-a");
    }
}
