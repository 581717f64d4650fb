package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestValuesTest {
    @Test
    void eachParameterKeepsItsFirstValueInTheOrderTheyCame() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/pods");
        request.addParameter("watch", "true");
        request.addParameter("labelSelector", "app=a", "app=b");
        request.addParameter("limit", "5");
        assertThat(RequestValues.parameters(request))
                .containsExactly(java.util.Map.entry("watch", "true"), java.util.Map.entry("labelSelector", "app=a"),
                        java.util.Map.entry("limit", "5"));
    }

    @Test
    void noParametersIsAnEmptyMap() {
        assertThat(RequestValues.parameters(new MockHttpServletRequest("GET", "/api"))).isEmpty();
    }

    @Test
    void aHeaderSentTwiceIsJoinedWithACommaAndAMissingOneIsNull() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/pods");
        request.addHeader("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
        request.addHeader("Accept", "application/json");
        assertThat(RequestValues.header(request, "Accept"))
                .isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(RequestValues.header(request, "accept")).startsWith("application/json;as=Table");
        assertThat(RequestValues.header(request, "Content-Type")).isNull();
    }

    @Test
    void aSingleHeaderIsItsValue() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/pods");
        request.addHeader("Accept", "application/yaml");
        assertThat(RequestValues.header(request, "Accept")).isEqualTo("application/yaml");
    }
}
