package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class KubeVersionsTest {

    @Test
    void sortsAsKubernetesDocumentsTheOrder() {
        // The example of the CRD versioning documentation, shuffled.
        List<String> versions = new ArrayList<>(List.of("foo10", "v11alpha2", "v1", "v3beta1", "foo1", "v10",
                "v12alpha1", "v11beta2", "v2", "v10beta3"));
        versions.sort(KubeVersions.BY_PRIORITY);
        assertThat(versions).containsExactly("v10", "v2", "v1", "v11beta2", "v10beta3", "v3beta1", "v12alpha1",
                "v11alpha2", "foo1", "foo10");
    }

    @Test
    void prefersGaOverBeta() {
        assertThat(KubeVersions.compare("v1", "v1beta1")).isNegative();
        assertThat(KubeVersions.compare("v1beta1", "v1")).isPositive();
        assertThat(KubeVersions.compare("v1", "v1")).isZero();
    }
}
