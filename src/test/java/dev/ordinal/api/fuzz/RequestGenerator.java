package dev.ordinal.api.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Generates one hostile request against a kind and verb: path, query, content type and body, all seeded. */
final class RequestGenerator {
    /** A request to send; {@code target} names the stored object a refused write must leave unchanged. */
    record FuzzRequest(String method, String path, String contentType, byte[] body, String target) {
        String describe() {
            String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + contentType + "] " + (b.length() > 400 ? b.substring(0, 400) + "…" : b);
        }
    }

    private static final String[] CONTENT_TYPES = {"application/json", "application/yaml", "*/*", "application/*",
            null, "text/plain", "application/json; charset=utf-8", "application/vnd.kubernetes.protobuf",
            "application/x-www-form-urlencoded", "application/merge-patch+json", "application/apply-patch+yaml",
            "application/strategic-merge-patch+json", "application/json-patch+json", "garbage", "a/b;c"};
    private static final String[] PATCH_TYPES = {"application/merge-patch+json", "application/strategic-merge-patch+json",
            "application/json-patch+json", "application/apply-patch+yaml"};
    private static final String[] PARAMS = {"labelSelector", "fieldSelector", "limit", "continue", "resourceVersion",
            "dryRun", "fieldValidation", "propagationPolicy", "gracePeriodSeconds", "orphanDependents", "fieldManager",
            "force", "includeObject", "timeoutSeconds", "resourceVersionMatch", "pretty"};
    private static final String[] SELECTORS = {"app=f", "app in (f,g)", "app notin (", "!app", "app,!b", "a=b=c",
            "metadata.name=n", "status.phase=Running", "spec.nodeName!=x", "involvedObject.name=p", "x.y=z", "==",
            "app in ()", "app=" + "v".repeat(70), "a b", "key=%00", "(", ")", ",,,", "app=f,metadata.name!=n"};
    private static final String[] VALUES = {"0", "-1", "1", "2147483648", "abc", "All", "Strict", "Warn", "Ignore",
            "Orphan", "Foreground", "Background", "true", "false", "", "9223372036854775807", "1e3", "eyJ9", "NotOlderThan"};
    private static final String[] SUBRESOURCES = {"", "", "", "", "/status", "/scale", "/log", "/binding", "/x"};

    private final Mutator m;
    private final String namespace;

    RequestGenerator(Mutator m, String namespace) {
        this.m = m;
        this.namespace = namespace;
    }

    FuzzRequest next(ResourceType type, String existingName) {
        String collection = Seeds.collection(type, m.chance(3) ? encode(m.string()) : namespace);
        String named = collection + "/" + (m.chance(90) ? existingName : encode(m.string()));
        String sub = m.pick(SUBRESOURCES);
        JsonNode seed = Seeds.seed(type, m.chance(50) ? existingName : "f" + m.nextInt(50));
        return switch (m.pick(new String[]{"create", "create", "replace", "patch", "patch", "delete", "list", "get"})) {
            case "create" -> body("POST", collection + query(), seed, null);
            case "replace" -> body("PUT", named + sub + query(), seed, existingName);
            case "patch" -> patch(named + sub + query(), seed, existingName);
            case "delete" -> deleteRequest(m.chance(70) ? named : collection, existingName);
            case "get" -> new FuzzRequest("GET", named + sub + query(), null, null, null);
            default -> new FuzzRequest("GET", collection + query(), null, null, null);
        };
    }

    private FuzzRequest body(String method, String path, JsonNode seed, String target) {
        JsonNode tree = m.chance(90) ? m.mutate(seed) : m.value();
        String ct = m.chance(75) ? (m.chance(70) ? "application/json" : "application/yaml") : m.pick(CONTENT_TYPES);
        boolean yaml = ct != null && ct.contains("yaml");
        return new FuzzRequest(method, path, ct, m.serialize(tree, yaml), target);
    }

    private FuzzRequest patch(String path, JsonNode seed, String target) {
        String ct = m.chance(85) ? m.pick(PATCH_TYPES) : m.pick(CONTENT_TYPES);
        JsonNode patch;
        if ("application/json-patch+json".equals(ct)) {
            ArrayNode ops = JsonNodeFactory.instance.arrayNode();
            int n = 1 + (m.chance(50) ? 1 : 0);
            for (int i = 0; i < n; i++) {
                ops.addObject().put("op", m.pick(new String[]{"add", "replace", "remove", "test", "move", "copy", "x"}))
                        .put("path", m.pick(new String[]{"/spec/replicas", "/metadata/labels/a", "/metadata/annotations",
                                "/spec", "/metadata/name", "/spec/template/spec/containers/0", "/spec/template/spec/containers/-",
                                "/status", "", "/x~1y", "/spec/ordinals/start", "/metadata/finalizers/0"}))
                        .put("from", "/metadata/labels").set("value", m.value());
            }
            patch = m.chance(80) ? ops : m.mutate(ops);
        } else {
            JsonNode small = Json.object().set("spec", Json.object().set("replicas", m.value()));
            patch = m.chance(50) ? m.mutate(seed) : m.mutate(small);
        }
        boolean yaml = ct != null && ct.contains("yaml") && m.chance(50);
        return new FuzzRequest("PATCH", path, ct, m.serialize(patch, yaml), target);
    }

    private FuzzRequest deleteRequest(String path, String target) {
        byte[] body = null;
        String ct = null;
        if (m.chance(50)) {
            JsonNode opts = Json.parse("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\","
                    + "\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"u\"},\"dryRun\":[\"All\"]}");
            body = m.serialize(m.mutate(opts), false);
            ct = m.chance(80) ? "application/json" : m.pick(CONTENT_TYPES);
        }
        return new FuzzRequest("DELETE", path + query(), ct, body, target);
    }

    private String query() {
        List<String> parts = new ArrayList<>();
        int n = m.chance(50) ? 0 : 1 + (m.chance(30) ? 2 : 0);
        for (int i = 0; i < n; i++) {
            String p = m.pick(PARAMS);
            // A version beyond the current one waits three seconds for a 504, as the API server does; kept small.
            String v = p.endsWith("Selector") ? m.pick(SELECTORS) : p.equals("resourceVersion")
                    ? m.pick(new String[]{"0", "1", "abc", "-1", "", "1e3"})
                    : m.chance(80) ? m.pick(VALUES) : m.string();
            parts.add(p + "=" + encode(v));
        }
        if (m.chance(10)) {
            parts.add("dryRun=All");
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
