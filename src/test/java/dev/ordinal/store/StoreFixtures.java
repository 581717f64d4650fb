package dev.ordinal.store;

import dev.ordinal.core.Json;
import tools.jackson.databind.node.ObjectNode;

/** Objects the store's integration tests write: kinds no controller acts on, so only the store touches them. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    /** A Service named {@code name} with one port. */
    static ObjectNode service(String name) {
        return Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
    }
}
