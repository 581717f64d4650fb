package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepSavepointsTest {
    private final StepSavepoints group = new StepSavepoints();

    @Test
    void aStepsSavepointTravelsWithItsFirstStatementOnly() {
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("savepoint ordinal_step_0; ");
        assertThat(group.beforeStatement()).isNull();
        assertThat(group.end(false)).isNull();
    }

    @Test
    void theNextStepReleasesTheSavepointBeforeIt() {
        group.begin();
        group.beforeStatement();
        group.end(false);
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("release savepoint ordinal_step_0; savepoint ordinal_step_0; ");
    }

    @Test
    void aStepThatSentNothingCostsNothing() {
        group.begin();
        assertThat(group.end(true)).isNull();
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("savepoint ordinal_step_0; ");
    }

    @Test
    void aFailedStepIsRolledBackToItsSavepointWhichStillStands() {
        group.begin();
        group.beforeStatement();
        assertThat(group.end(true)).isEqualTo("rollback to savepoint ordinal_step_0");
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("release savepoint ordinal_step_0; savepoint ordinal_step_0; ");
    }

    @Test
    void anInnerStepsStatementFirstEstablishesTheOuterStepsSavepoint() {
        group.begin();
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("savepoint ordinal_step_0; savepoint ordinal_step_1; ");
        assertThat(group.end(false)).isNull();
        assertThat(group.beforeStatement()).isNull();
        assertThat(group.end(true)).isEqualTo("rollback to savepoint ordinal_step_0");
    }

    @Test
    void releasingAnOuterSavepointEndsTheInnerOnesSetAfterIt() {
        group.begin();
        group.begin();
        group.beforeStatement();
        group.end(false);
        group.end(false);
        group.begin();
        group.begin();
        // ordinal_step_1 ended with ordinal_step_0's release, so it is set anew, not released a second time.
        assertThat(group.beforeStatement())
                .isEqualTo("release savepoint ordinal_step_0; savepoint ordinal_step_0; savepoint ordinal_step_1; ");
    }

    @Test
    void siblingInnerStepsReleaseEachOther() {
        group.begin();
        group.begin();
        group.beforeStatement();
        group.end(false);
        group.begin();
        assertThat(group.beforeStatement()).isEqualTo("release savepoint ordinal_step_1; savepoint ordinal_step_1; ");
        group.end(false);
        assertThat(group.end(false)).isNull();
        assertThat(group.inStep()).isFalse();
    }
}
