package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.ordinal.core.ApiException;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void malformedJsonIsABadRequestNamingWhereItBroke() {
        assertThatThrownBy(() -> Codec.read("{\"metadata\":{\"name\":\"x\"".getBytes(StandardCharsets.UTF_8),
                "application/json"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("json parse error: Unexpected end-of-input")
                            .contains("(line 1, column").doesNotContain("Source");
                });
    }

    @Test
    void malformedYamlIsABadRequestToo() {
        assertThatThrownBy(() -> Codec.read("a: [b\n c: :".getBytes(StandardCharsets.UTF_8), "application/yaml"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("error converting YAML to JSON: yaml: ");
                });
    }

    @Test
    void formBodiesAreUnsupportedMediaTypes() {
        assertThatThrownBy(() -> Codec.read("a=b".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
    }
}
