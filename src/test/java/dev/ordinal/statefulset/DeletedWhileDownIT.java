package dev.ordinal.statefulset;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A StatefulSet deleted before a crash (or while no instance ran) leaves pods whose controller no longer exists and
 * no change that names the set any more. The resync that runs at start finds them from the informer cache, so the
 * pods are deleted after the restart instead of running forever.
 */
@IntegrationTest
class DeletedWhileDownIT {
    @LocalServerPort
    int port;

    @Autowired
    ControllerRuntime runtime;

    @Test
    void podsOfASetThatVanishedAreDeletedByTheResyncAtStart() {
        ApiClient api = new ApiClient(port);
        String ns = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        // What a crash mid-delete leaves: the set is gone, its pods still name it as their controller.
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/namespaces/" + ns + "/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"c1-%d","labels":{"app":"c1"},
                     "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"c1",
                       "uid":"%s","controller":true,"blockOwnerDeletion":true}]},
                     "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".formatted(i, UUID.randomUUID()));
        }
        runtime.resync(); // what the start of an instance runs
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/namespaces/" + ns + "/pods").json().path("items").isEmpty());
    }
}
