package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class JsonSameTest {
    private static ObjectNode obj(String json) {
        return Json.parse(json);
    }

    @Test
    void integersCompareByValueWhateverTheirJavaType() {
        ObjectNode a = obj("{\"spec\":{\"replicas\":3}}");
        ObjectNode b = obj("{\"spec\":{}}");
        Json.with(b, "spec").put("replicas", 3L);
        assertThat(Json.same(a, b)).isTrue();
        Json.with(b, "spec").put("replicas", new java.math.BigInteger("3"));
        assertThat(Json.same(a, b)).isTrue();
        Json.with(b, "spec").put("replicas", 4);
        assertThat(Json.same(a, b)).isFalse();
    }

    @Test
    void anIntegerIsNotTheSameAsAFloatingPointNumberOfTheSameValue() {
        assertThat(Json.same(obj("{\"a\":1}"), obj("{\"a\":1.0}"))).isFalse();
        ObjectNode f = obj("{}");
        f.put("a", 1.5f);
        assertThat(Json.same(obj("{\"a\":1.5}"), f)).isTrue();
    }

    @Test
    void fieldOrderDoesNotMatterButListOrderDoes() {
        assertThat(Json.same(obj("{\"a\":1,\"b\":\"x\"}"), obj("{\"b\":\"x\",\"a\":1}"))).isTrue();
        assertThat(Json.same(obj("{\"a\":[1,2]}"), obj("{\"a\":[2,1]}"))).isFalse();
        assertThat(Json.same(obj("{\"a\":null}"), obj("{}"))).isFalse();
        assertThat(Json.same(obj("{\"a\":{}}"), obj("{\"a\":[]}"))).isFalse();
        assertThat(Json.same(obj("{\"a\":\"1\"}"), obj("{\"a\":1}"))).isFalse();
    }

    @Test
    void anIgnoredMetadataFieldIsLeftOutOnBothSidesAndNowhereElse() {
        ObjectNode a = obj("{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"5\"},\"spec\":{\"resourceVersion\":1}}");
        ObjectNode b = obj("{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"6\"},\"spec\":{\"resourceVersion\":1}}");
        ObjectNode c = obj("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"resourceVersion\":1}}");
        ObjectNode d = obj("{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"5\"},\"spec\":{\"resourceVersion\":2}}");
        assertThat(Json.sameIgnoringMetadata(a, b, "resourceVersion")).isTrue();
        assertThat(Json.sameIgnoringMetadata(a, c, "resourceVersion")).isTrue();
        assertThat(Json.sameIgnoringMetadata(c, a, "resourceVersion")).isTrue();
        assertThat(Json.sameIgnoringMetadata(a, d, "resourceVersion")).isFalse();
        assertThat(Json.same(a, b)).isFalse();
    }
}
