package dev.ordinal.node;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.support.ApiClient;

/**
 * Nodes of one test only: labelled {@code nodetest=<id>}, tainted {@code ordinal.dev/test=<id>:NoSchedule} so that no
 * other test's pod lands on them, and with a one-second heartbeat grace period. Pods from {@link #podSpecExtras()}
 * select and tolerate them, and tolerate unreachable nodes for {@code tolerationSeconds} seconds.
 */
final class IsolatedNodes {
    final String id;
    final List<String> names = new ArrayList<>();
    private final ApiClient api;

    IsolatedNodes(ApiClient api, String id, int count) {
        this.api = api;
        this.id = id;
        for (int i = 1; i <= count; i++) {
            String name = id + "-node-" + i;
            names.add(name);
            api.post("/api/v1/nodes", """
                    {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"nodetest":"%s","kubernetes.io/hostname":"%s"},
                      "annotations":{"ordinal.dev/node-monitor-grace-period-seconds":"1"}},
                     "spec":{"taints":[{"key":"ordinal.dev/test","value":"%s","effect":"NoSchedule"}]}}"""
                    .formatted(name, id, name, id));
        }
    }

    /** The pod spec fields that place a pod on these nodes and evict it {@code seconds} after its node is lost. */
    String podSpecExtras(int seconds) {
        return """
                "nodeSelector":{"nodetest":"%1$s"},
                "tolerations":[{"key":"ordinal.dev/test","operator":"Equal","value":"%1$s","effect":"NoSchedule"},
                  {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":%2$d},
                  {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":%2$d}],"""
                .formatted(id, seconds);
    }

    /** Brings every node back and deletes them, so that nothing of this test keeps running. */
    void remove() {
        for (String n : names) {
            api.post("/apis/ordinal.dev/v1/nodes/" + n + "/recover", "");
            api.delete("/api/v1/nodes/" + n);
        }
    }
}
