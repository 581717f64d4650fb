package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Predicate;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;

class SelectorsTest {
    /** Kinds declaring the fields they are selected by, as their definitions do. */
    private static final KindDefinition POD = KindDefinition.builder(ResourceTypes.POD)
            .fieldSelectors("status.phase", "spec.nodeName").build();
    private static final KindDefinition EVENT = KindDefinition.builder(ResourceTypes.EVENT)
            .fieldSelectors("involvedObject.kind", "involvedObject.name", "involvedObject.uid", "reason", "type").build();
    private static final Map<String, String> NGINX = Map.of("app", "nginx", "tier", "web");

    private static boolean matches(String selector, Map<String, String> labels) {
        Predicate<Map<String, String>> p = Selectors.parseLabelSelector(selector);
        return p.test(labels);
    }

    @Test
    void equalityOperatorsSelectByValue() {
        assertThat(matches("app=nginx", NGINX)).isTrue();
        assertThat(matches("app==nginx", NGINX)).isTrue();
        assertThat(matches("app=redis", NGINX)).isFalse();
        assertThat(matches("app!=redis", NGINX)).isTrue();
        assertThat(matches("app!=nginx", NGINX)).isFalse();
        assertThat(matches("missing!=x", NGINX)).isTrue();
    }

    @Test
    void setOperatorsSelectByMembership() {
        assertThat(matches("app in (nginx, redis)", NGINX)).isTrue();
        assertThat(matches("app in (redis)", NGINX)).isFalse();
        assertThat(matches("app notin (redis)", NGINX)).isTrue();
        assertThat(matches("app notin (nginx,redis)", NGINX)).isFalse();
        assertThat(matches("missing notin (x)", NGINX)).isTrue();
    }

    @Test
    void existenceOperatorsSelectByKey() {
        assertThat(matches("tier", NGINX)).isTrue();
        assertThat(matches("missing", NGINX)).isFalse();
        assertThat(matches("!missing", NGINX)).isTrue();
        assertThat(matches("!tier", NGINX)).isFalse();
    }

    @Test
    void termsAreAndedTogether() {
        assertThat(matches("app=nginx,tier in (web),!missing", NGINX)).isTrue();
        assertThat(matches("app=nginx,tier=db", NGINX)).isFalse();
        assertThat(matches("", NGINX)).isTrue();
    }

    @Test
    void malformedLabelSelectorIsABadRequest() {
        assertThatThrownBy(() -> Selectors.parseLabelSelector("app in (nginx"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> Selectors.parseLabelSelector("a b c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> Selectors.parseLabelSelector("app=bad value!"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void fieldSelectorsSupportPerKindFields() {
        var pod = Json.parse("{\"metadata\":{\"name\":\"nginx-0\",\"namespace\":\"default\"},"
                + "\"spec\":{\"nodeName\":\"node-2\"},\"status\":{\"phase\":\"Running\"}}");
        assertThat(Selectors.parseFieldSelector(POD, "status.phase=Running").test(pod)).isTrue();
        assertThat(Selectors.parseFieldSelector(POD, "spec.nodeName!=node-2").test(pod)).isFalse();
        assertThat(Selectors.parseFieldSelector(POD, "metadata.name=nginx-0,metadata.namespace=default")
                .test(pod)).isTrue();
        var event = Json.parse("{\"metadata\":{\"name\":\"e\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"nginx-0\","
                + "\"uid\":\"u1\"},\"reason\":\"FailedAttachVolume\",\"type\":\"Warning\"}");
        assertThat(Selectors.parseFieldSelector(EVENT,
                "involvedObject.name=nginx-0,involvedObject.kind=Pod,involvedObject.uid=u1,type=Warning").test(event))
                .isTrue();
        assertThat(Selectors.parseFieldSelector(EVENT, "reason=Scheduled").test(event)).isFalse();
    }

    @Test
    void aFieldSelectorRequiresANameOnlyThroughAnEqualityOnMetadataName() {
        assertThat(Selectors.requiredName("metadata.name=nginx-0")).isEqualTo("nginx-0");
        assertThat(Selectors.requiredName("status.phase=Running, metadata.name==nginx-1")).isEqualTo("nginx-1");
        assertThat(Selectors.requiredName("metadata.name!=nginx-0")).isNull();
        assertThat(Selectors.requiredName("metadata.namespace=default")).isNull();
        assertThat(Selectors.requiredName("")).isNull();
        assertThat(Selectors.requiredName(null)).isNull();
        // An empty name is required too: nothing matches it.
        assertThat(Selectors.requiredName("metadata.name=")).isEmpty();
    }

    @Test
    void unsupportedFieldIsABadRequestWithKubernetesMessage() {
        assertThatThrownBy(() -> Selectors.parseFieldSelector(POD, "spec.foo=bar"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("field label not supported: spec.foo");
                });
    }
}
