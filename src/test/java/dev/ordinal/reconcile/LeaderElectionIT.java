package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances sharing one database: the lease row lets exactly one of them run controllers, and a follower takes
 * over once the holder stops renewing and the lease expires.
 */
@IntegrationTest
class LeaderElectionIT {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LeaderElection running;

    @Test
    void onlyOneInstanceHoldsTheLeaseAndAFollowerTakesOverAfterItExpires() {
        // The running application holds the real lease; these two compete for a lease of their own name.
        jdbc.update("delete from leader_lease where name = 'ordinal-controllers-test'");
        LeaderElection a = new LeaderElection(jdbc, Clock.systemUTC(), 1, "ordinal-controllers-test");
        LeaderElection b = new LeaderElection(jdbc, Clock.systemUTC(), 1, "ordinal-controllers-test");
        a.tryAcquireOrRenew();
        b.tryAcquireOrRenew();
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(jdbc.queryForObject("select holder from leader_lease where name = 'ordinal-controllers-test'",
                String.class)).isEqualTo(a.identity());

        // a stops renewing; after the one-second lease has expired, b takes it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            b.tryAcquireOrRenew();
            return b.isLeader();
        });
        assertThat(jdbc.queryForObject("select holder from leader_lease where name = 'ordinal-controllers-test'",
                String.class)).isEqualTo(b.identity());
        a.tryAcquireOrRenew();
        assertThat(a.isLeader()).isFalse();
        assertThat(running.isLeader()).isTrue();
    }
}
