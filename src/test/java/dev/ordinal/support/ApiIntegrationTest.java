package dev.ordinal.support;

import dev.ordinal.replicaset.Workloads;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An integration test that talks to the server over HTTP: {@link #api} is a client for the test's server (started on a
 * random port by {@link IntegrationTest}), {@link #w} the workload helpers over it. Both are fresh for each test.
 */
@IntegrationTest
public abstract class ApiIntegrationTest {
    @LocalServerPort
    protected int port;
    protected ApiClient api;
    protected Workloads w;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        w = new Workloads(api);
    }
}
