package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PassThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void passesCloserThanTheIntervalWaitForItsEndAndOtherKeysAreNotHeldBack() {
        PassThrottle throttle = new PassThrottle(Duration.ofSeconds(1));
        assertThat(throttle.wait("node-1", T0)).isEmpty();
        assertThat(throttle.wait("node-1", T0.plusMillis(300))).contains(Duration.ofMillis(700));
        assertThat(throttle.wait("node-2", T0.plusMillis(300))).isEmpty();
        assertThat(throttle.wait("node-1", T0.plusSeconds(1))).isEmpty();
        assertThat(throttle.wait("node-1", T0.plusMillis(1500))).contains(Duration.ofMillis(500));
    }

    @Test
    void aClockThatWentBackwardsOrAForgottenKeyLetsThePassRun() {
        PassThrottle throttle = new PassThrottle(Duration.ofSeconds(1));
        assertThat(throttle.wait("node-1", T0)).isEmpty();
        assertThat(throttle.wait("node-1", T0.minusSeconds(5))).isEmpty();
        throttle.forget("node-1");
        assertThat(throttle.wait("node-1", T0.minusSeconds(5))).isEmpty();
    }
}
