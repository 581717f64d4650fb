package dev.ordinal.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Random, seeded damage to JSON trees and to their bytes: the values and shapes a hostile client sends. */
final class Mutator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", " ", "\u0000", "a\u0000b", "x".repeat(300), "ReadWriteOnce", "Always",
            "-1", "1e308", "true", "null", "{}", "[]", "é∑😀", "\uD800", "a/b", "../..", "%00", "${x}", "'\"",
            "app in (a,b)", "!app", "app!=x", "=", ",", "metadata.name=x", "Foreground", "Orphan", "All", "Strict",
            "100%", "101%", "-5%", "9999999999%", "1Gi", "1e3", "-1Gi", "0.5m", "*/*", "standard", "n", "default"};
    private static final long[] NUMBERS = {0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L,
            Long.MAX_VALUE, Long.MIN_VALUE, 65536, 1000000};
    private static final String[] KEYS = {"metadata", "spec", "status", "name", "namespace", "labels", "annotations",
            "replicas", "selector", "matchLabels", "template", "containers", "accessModes", "ports", "ordinals",
            "start", "finalizers", "ownerReferences", "uid", "resourceVersion", "generation", "deletionTimestamp",
            "volumeClaimTemplates", "claimRef", "revision", "data", "type", "value", "$patch", "$retainKeys",
            "$setElementOrder/containers", "x\u0000", "", "apiVersion", "kind", "generateName"};

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String string() {
        return chance(85) ? pick(STRINGS) : randomText(random.nextInt(20));
    }

    String randomText(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) (chance(80) ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return sb.toString();
    }

    /** A random JSON value of any type, shallow. */
    JsonNode value() {
        return switch (random.nextInt(10)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3 -> F.numberNode(pick(new double[][]{{1.5}, {1e308}, {-0.0}, {3.0}, {1e-9}})[0]);
            case 4 -> F.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5 -> F.objectNode().put(pick(KEYS), string());
            case 6 -> F.arrayNode().add(string()).add(F.objectNode());
            default -> F.stringNode(string());
        };
    }

    /** Applies 1-3 random structural mutations to a copy of the tree. */
    JsonNode mutate(JsonNode tree) {
        JsonNode root = tree.deepCopy();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = pick(containers);
            if (target instanceof ObjectNode o) {
                mutateObject(o);
            } else if (target instanceof ArrayNode a) {
                mutateArray(a);
            }
        }
        return root;
    }

    private void mutateObject(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.propertyNames().forEach(names::add);
        int op = random.nextInt(5);
        if (names.isEmpty() || op == 0) {
            o.set(chance(70) ? pick(KEYS) : string(), value());
        } else if (op == 1) {
            o.remove(pick(names));
        } else if (op == 2) {
            String k = pick(names);
            o.set(k, value());
        } else if (op == 3) {
            String k = pick(names);
            JsonNode v = o.get(k);
            o.set(k, v.isArray() ? F.objectNode().set("x", v) : F.arrayNode().add(v));
        } else {
            String k = pick(names);
            o.set(k, F.stringNode(string()));
        }
    }

    private void mutateArray(ArrayNode a) {
        int op = random.nextInt(3);
        if (a.isEmpty() || op == 0) {
            a.add(value());
        } else if (op == 1) {
            a.remove(random.nextInt(a.size()));
        } else {
            a.set(random.nextInt(a.size()), value());
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainer()) {
            out.add(n);
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    collect(e.getValue(), out);
                }
            } else {
                n.forEach(c -> collect(c, out));
            }
        }
    }

    /** The tree as a body: JSON, YAML (sometimes with anchors and aliases), or damaged bytes. */
    byte[] serialize(JsonNode tree, boolean yaml) {
        String text = yaml ? Json.YAML.writeValueAsString(tree) : Json.write(tree);
        if (yaml && chance(20)) {
            text = "x: &a {app: f}\n" + text + (text.endsWith("\n") ? "" : "\n") + "y: *a\n";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (chance(10) && bytes.length > 2) {
            int cut = random.nextInt(bytes.length);
            return java.util.Arrays.copyOf(bytes, cut);
        }
        if (chance(5) && bytes.length > 2) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
