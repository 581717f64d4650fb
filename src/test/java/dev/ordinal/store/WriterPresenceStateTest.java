package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/**
 * When an instance may vouch for the newest version from memory, and when it may write: the counting rules of
 * {@link WriterPresence}, with times in seconds (valid 3 s, counted every 1 s).
 */
class WriterPresenceStateTest {
    private static final long S = 1_000_000_000L;

    private static WriterPresence.State state(boolean freshServer) {
        return new WriterPresence.State(3 * S, S, freshServer);
    }

    /** An instance that started its own server, joined at 0 and found itself alone there, reading {@code version}. */
    private static WriterPresence.State aloneOnItsOwnServer(long version) {
        WriterPresence.State st = state(true);
        st.joined(0);
        st.counted(0, false, version);
        return st;
    }

    @Test
    void onAServerItStartedItselfAnInstanceAloneVouchesAtOnceAndWritesAtOnce() {
        WriterPresence.State st = aloneOnItsOwnServer(40);
        assertThat(st.writable(0)).isTrue();
        assertThat(st.newestVersion(S / 2, 7)).hasValue(40);
        assertThat(st.newestVersion(S / 2, 55)).hasValue(55);
    }

    @Test
    void onASharedServerAJoiningInstanceWaitsBeforeWritingAndBeforeVouching() {
        WriterPresence.State st = state(false);
        st.joined(0);
        st.counted(0, false, 40);
        assertThat(st.writable(S)).isFalse();
        assertThat(st.newestVersion(S, 0)).isEmpty();
        for (long t = 1; t <= 4; t++) {
            st.counted(t * S, false, 40);
        }
        assertThat(st.writable(4 * S)).isTrue();
        assertThat(st.newestVersion(4 * S, 0)).hasValue(40);
    }

    @Test
    void anotherHolderEndsTheTrustAndItReturnsOnlyAfterAFullStreakAlone() {
        WriterPresence.State st = aloneOnItsOwnServer(10);
        st.counted(S, true, 12);
        assertThat(st.newestVersion(S, 0)).isEmpty();
        assertThat(st.writable(S)).isTrue(); // Others being there never stops this instance's own writes.
        st.counted(2 * S, false, 20);
        st.counted(5 * S, false, 21);
        assertThat(st.newestVersion(5 * S, 0)).isEmpty();
        st.counted(6 * S, false, 22);
        assertThat(st.newestVersion(6 * S, 0)).hasValue(22);
    }

    @Test
    void aCountOlderThanValidIsNotTrustedAndStopsWrites() {
        WriterPresence.State st = aloneOnItsOwnServer(5);
        assertThat(st.newestVersion(3 * S - 1, 0)).isPresent();
        assertThat(st.newestVersion(3 * S, 0)).isEqualTo(OptionalLong.empty());
        assertThat(st.writable(3 * S)).isFalse();
    }

    @Test
    void aLostLockVouchesForNothingUntilTheInstanceHasJoinedAgainAndWaited() {
        WriterPresence.State st = aloneOnItsOwnServer(5);
        st.lost();
        assertThat(st.newestVersion(1, 0)).isEmpty();
        assertThat(st.writable(1)).isFalse();
        st.joined(S);
        st.counted(S, false, 6);
        // A fresh server's first count is trusted at once only for the instance's first join.
        assertThat(st.newestVersion(S, 0)).isEmpty();
        assertThat(st.writable(2 * S)).isFalse();
        for (long t = 2; t <= 5; t++) {
            st.counted(t * S, false, 7);
        }
        assertThat(st.newestVersion(5 * S, 0)).hasValue(7);
        assertThat(st.writable(5 * S)).isTrue();
    }

    @Test
    void ownVersionsBeginWhereTheFirstTrustedCountOfAStreakReadTheSequence() {
        WriterPresence.State st = aloneOnItsOwnServer(40);
        st.counted(S, false, 55); // Later counts read this instance's own versions: the floor stays.
        assertThat(st.ownVersionsAfter(S)).hasValue(40);
        st.counted(2 * S, true, 60);
        assertThat(st.ownVersionsAfter(2 * S)).isEmpty();
        for (long t = 3; t <= 6; t++) {
            st.counted(t * S, false, 60 + t);
        }
        assertThat(st.ownVersionsAfter(6 * S)).as("alone since 3 s: not trusted yet").isEmpty();
        st.counted(7 * S, false, 67);
        st.counted(8 * S, false, 70);
        assertThat(st.ownVersionsAfter(8 * S)).as("a new streak, from its first trusted count").hasValue(67);
        assertThat(st.ownVersionsAfter(11 * S)).as("a count too old vouches for nothing").isEmpty();
        st.lost();
        assertThat(st.ownVersionsAfter(8 * S)).isEmpty();
    }
}
