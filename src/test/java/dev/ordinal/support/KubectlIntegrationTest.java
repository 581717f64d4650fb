package dev.ordinal.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An integration test that drives the real kubectl binary against the test's server: {@link #kubectl} is ready for
 * each test, and the whole class is skipped, with a message, where no kubectl is installed.
 */
@IntegrationTest
public abstract class KubectlIntegrationTest {
    @LocalServerPort
    protected int port;
    protected Kubectl kubectl;

    @BeforeEach
    void kubectlInstalled() {
        Assumptions.assumeTrue(Kubectl.binary() != null, "kubectl is not installed on this machine: skipping the kubectl suite");
        kubectl = new Kubectl(port);
    }
}
