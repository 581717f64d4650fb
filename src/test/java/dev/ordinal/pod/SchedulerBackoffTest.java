package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SchedulerBackoffTest {

    @Test
    void anUnschedulablePodIsRetriedAfterTwoFourEightThenEveryTenSeconds() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(SchedulerReconciler::backoff).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L, 10L, 10L, 10L);
        assertThat(SchedulerReconciler.backoff(1_000)).isEqualTo(Duration.ofSeconds(10));
    }
}
