package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputErrorsTest {
    private static RuntimeException thrownFrom(String... classes) {
        RuntimeException e = new IllegalStateException("value type not coercible");
        StackTraceElement[] frames = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            frames[i] = new StackTraceElement(classes[i], "m", null, 1);
        }
        e.setStackTrace(frames);
        return e;
    }

    @Test
    void aFailureInsideAValidatorIsTheInputsFault() {
        RuntimeException e = thrownFrom("tools.jackson.databind.node.ObjectNode", "dev.ordinal.core.Json",
                "dev.ordinal.api.validation.ClaimSpecs", "dev.ordinal.storage.PersistentVolumeClaimStrategy",
                "dev.ordinal.store.ResourceStore");
        assertThat(InputErrors.isInputError(e)).isTrue();
        assertThat(new StatusExceptionHandler().other(e).getStatusCode().value()).isEqualTo(400);
        assertThat(InputErrors.isInputError(thrownFrom("dev.ordinal.statefulset.StatefulSetStrategy$1"))).isTrue();
    }

    @Test
    void aFailureElsewhereStaysAServerErrorWithAStatusBody() {
        RuntimeException e = thrownFrom("tools.jackson.databind.node.ObjectNode", "dev.ordinal.core.Json",
                "dev.ordinal.store.ResourceStore", "dev.ordinal.api.validation.ClaimSpecs");
        assertThat(InputErrors.isInputError(e)).isFalse();
        var response = new StatusExceptionHandler().other(e);
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(new String(response.getBody())).contains("\"kind\":\"Status\"").contains("\"reason\":\"InternalError\"")
                .doesNotContain("at dev.ordinal");
    }
}
