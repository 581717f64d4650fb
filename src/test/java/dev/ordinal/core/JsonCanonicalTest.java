package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonCanonicalTest {
    @Test
    void anObjectInKubernetesFieldOrderIsCanonicalAndStaysAsItIs() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\","
                + "\"resourceVersion\":\"3\",\"labels\":{\"z\":\"1\",\"a\":\"2\"},\"extra\":1},\"spec\":{},\"status\":{},"
                + "\"other\":true}";
        assertThat(Json.isCanonical(Json.parse(json))).isTrue();
        assertThat(Json.write(Json.canonical(Json.parse(json)))).isEqualTo(json);
    }

    @Test
    void aKnownFieldOutOfOrderOrAfterAnUnknownOneIsNot() {
        assertThat(Json.isCanonical(Json.parse("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}"))).isFalse();
        assertThat(Json.isCanonical(Json.parse("{\"apiVersion\":\"v1\",\"other\":1,\"spec\":{}}"))).isFalse();
        assertThat(Json.isCanonical(Json.parse("{\"metadata\":{\"uid\":\"u\",\"name\":\"a\"}}"))).isFalse();
        assertThat(Json.isCanonical(Json.canonical(Json.parse("{\"metadata\":{\"uid\":\"u\",\"name\":\"a\"}}"))))
                .isTrue();
    }
}
