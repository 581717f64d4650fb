package dev.ordinal.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The order of a list after a strategic merge, as Kubernetes' {@code normalizeElementOrder} and
 * {@code mergeSortedSlice} give it: the merged items split into those the order list names (the patch, or its
 * {@code $setElementOrder}) and those only on the server; the first kept in the order list's order, the second in
 * the server's; then merged so that a server-only item goes before a patch item only when the server list has both
 * and has it first. So an item only in the patch comes before the items only on the server.
 */
final class ElementOrder {
    private ElementOrder() {
    }

    /**
     * Orders {@code merged} by {@code order} and {@code server} (the list before the patch); {@code key} is the merge
     * key of a list of objects, or null for a list of primitives (compared whole).
     */
    static ArrayNode normalize(ArrayNode merged, JsonNode order, JsonNode server, String key) {
        List<JsonNode> orderList = list(order);
        List<JsonNode> serverList = list(server);
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (index(orderList, item, key) >= 0 ? patchItems : serverOnly).add(item);
        }
        patchItems.sort(Comparator.comparingInt(item -> index(orderList, item, key)));
        serverOnly.sort(Comparator.comparingInt(item -> rank(serverList, item, key)));
        ArrayNode out = Json.array();
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < patchItems.size()) {
            if (j >= patchItems.size()) {
                out.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                out.add(patchItems.get(j++));
            } else {
                int li = index(serverList, serverOnly.get(i), key);
                int ri = index(serverList, patchItems.get(j), key);
                if (li >= 0 && ri >= 0 && li < ri) {
                    out.add(serverOnly.get(i++));
                } else {
                    out.add(patchItems.get(j++));
                }
            }
        }
        return out;
    }

    private static int rank(List<JsonNode> list, JsonNode item, String key) {
        int i = index(list, item, key);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static int index(List<JsonNode> list, JsonNode item, String key) {
        for (int i = 0; i < list.size(); i++) {
            if (same(list.get(i), item, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(JsonNode a, JsonNode b, String key) {
        if (key == null) {
            return a.equals(b);
        }
        JsonNode ka = a.isObject() ? a.get(key) : null;
        JsonNode kb = b.isObject() ? b.get(key) : null;
        return ka != null && kb != null && !ka.isNull() && !kb.isNull() && Patches.sameKey(ka, kb);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }
}
