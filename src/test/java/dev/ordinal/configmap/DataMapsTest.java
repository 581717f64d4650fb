package dev.ordinal.configmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataMapsTest {

    @Test
    void base64IsCheckedAsGosStandardEncodingDoes() {
        assertThat(DataMaps.badBase64At("czNjcmV0")).isEqualTo(-1);
        assertThat(DataMaps.badBase64At("YQ==")).isEqualTo(-1);
        assertThat(DataMaps.badBase64At("YWI=")).isEqualTo(-1);
        assertThat(DataMaps.badBase64At("")).isEqualTo(-1);
        assertThat(DataMaps.badBase64At("not base64!")).isEqualTo(3);
        assertThat(DataMaps.badBase64At("YWI")).as("unpadded").isEqualTo(0);
        assertThat(DataMaps.badBase64At("Y===")).isEqualTo(1);
        assertThat(DataMaps.badBase64At("YQ==YQ==")).isEqualTo(4);
    }

    @Test
    void configKeysFollowIsConfigMapKey() {
        assertThat(DataMaps.key("data", "app.properties")).isEmpty();
        assertThat(DataMaps.key("data", "a/b")).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("data[a/b]: Invalid value: \"a/b\": a valid config key"));
        assertThat(DataMaps.key("data", "..")).extracting(e -> e.body()).contains("Invalid value: \"..\": must not be '..'");
    }
}
