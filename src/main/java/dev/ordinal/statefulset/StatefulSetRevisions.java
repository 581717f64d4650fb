package dev.ordinal.statefulset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ControllerRevisions of a StatefulSet, after Kubernetes' {@code getStatefulSetRevisions} and {@code truncateHistory}.
 * A revision holds the patch {@code {"spec":{"template":{..., "$patch":"replace"}}}} and is named
 * {@code {set}-{hash}}, the hash being FNV-32a of the patch's canonical JSON and the collision count, written in the
 * safe alphabet. Returning to an earlier template reuses that revision with a new, highest {@code revision} number.
 */
final class StatefulSetRevisions {
    static final String HASH_LABEL = "controller.kubernetes.io/hash";
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private StatefulSetRevisions() {
    }

    /** A revision the planner works with: its name, the pod template it holds and its number. */
    record Revision(String name, ObjectNode template, long number) {
    }

    /**
     * The outcome of resolving revisions for the set's current template.
     *
     * @param current        the revision pods below the partition keep (status.currentRevision, else the update one)
     * @param update         the revision of the set's current template
     * @param collisionCount the collision count the update revision's name was found with
     * @param actions        the revision to create, or the older revision to renumber, if any
     * @param all            every revision after those actions, oldest first
     */
    record Resolution(Revision current, Revision update, int collisionCount, List<StatefulSetAction> actions,
                      List<Revision> all) {
    }

    /** Finds or makes the update revision and finds the current revision. */
    static Resolution resolve(StatefulSetView set, List<ObjectNode> stored) {
        List<ObjectNode> sorted = new ArrayList<>(stored);
        sorted.sort(ORDER);
        ObjectNode data = patch(set.template());
        long next = sorted.stream().mapToLong(StatefulSetRevisions::number).max().orElse(0) + 1;
        // Equal as their canonical JSON is (keys in any order, numbers by value), compared without writing it.
        List<ObjectNode> equal = sorted.stream().filter(r -> Json.same(data, Json.at(r, "data"))).toList();
        int collisionCount = set.collisionCount();
        List<StatefulSetAction> actions = new ArrayList<>();
        List<Revision> all = new ArrayList<>(sorted.stream().map(StatefulSetRevisions::of).toList());
        Revision update;
        if (!equal.isEmpty() && equal.get(equal.size() - 1) == sorted.get(sorted.size() - 1)) {
            update = of(sorted.get(sorted.size() - 1));
        } else if (!equal.isEmpty()) {
            ObjectNode reused = equal.get(equal.size() - 1);
            update = new Revision(Json.name(reused), templateOf(reused), next);
            actions.add(new StatefulSetAction.UpdateRevision(update.name(), next));
            all.removeIf(r -> r.name().equals(update.name()));
            all.add(update);
        } else {
            String name = name(set.name(), data, collisionCount);
            while (nameTaken(sorted, name)) {
                collisionCount++;
                name = name(set.name(), data, collisionCount);
            }
            ObjectNode revision = newRevision(set, data, name, hash(data, collisionCount), next);
            update = new Revision(name, set.template().deepCopy(), next);
            actions.add(new StatefulSetAction.CreateRevision(revision));
            all.add(update);
        }
        Revision current = update;
        String currentName = set.currentRevisionInStatus();
        for (ObjectNode r : sorted) {
            if (Json.name(r).equals(currentName)) {
                current = all.stream().filter(a -> a.name().equals(currentName)).findFirst().orElse(of(r));
            }
        }
        return new Resolution(current, update, collisionCount, actions, all);
    }

    /**
     * Deletes the oldest revisions that are not live (neither current, update nor used by a pod) beyond
     * {@code revisionHistoryLimit}; a negative limit keeps everything.
     */
    static List<StatefulSetAction> prune(StatefulSetView set, List<Revision> all, Set<String> live) {
        int limit = set.revisionHistoryLimit();
        if (limit < 0) {
            return List.of();
        }
        List<Revision> history = all.stream().filter(r -> !live.contains(r.name()))
                .sorted(Comparator.comparingLong(Revision::number)).toList();
        List<StatefulSetAction> out = new ArrayList<>();
        for (int i = 0; i < history.size() - limit; i++) {
            out.add(new StatefulSetAction.DeleteRevision(history.get(i).name()));
        }
        return out;
    }

    /** The revision data of a pod template: {@code {"spec":{"template":{..., "$patch":"replace"}}}}. */
    static ObjectNode patch(ObjectNode template) {
        ObjectNode t = template.deepCopy();
        t.put("$patch", "replace");
        ObjectNode data = Json.object();
        data.putObject("spec").set("template", t);
        return data;
    }

    /** FNV-32a over the canonical JSON of {@code data} followed by the decimal collision count, safely encoded. */
    static String hash(JsonNode data, int collisionCount) {
        byte[] bytes = (canonical(data) + collisionCount).getBytes(StandardCharsets.UTF_8);
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
    }

    /** Kubernetes' {@code rand.SafeEncodeString}: each byte mapped into an alphabet without vowels or look-alikes. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(SAFE_ALPHABET.charAt((b & 0xff) % SAFE_ALPHABET.length()));
        }
        return out.toString();
    }

    static String name(String set, JsonNode data, int collisionCount) {
        return set + "-" + hash(data, collisionCount);
    }

    /** JSON with object keys sorted at every level, so equal templates always hash alike. */
    static String canonical(JsonNode node) {
        return Json.write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> byKey = new TreeMap<>();
            node.properties().forEach(e -> byKey.put(e.getKey(), e.getValue()));
            ObjectNode out = Json.object();
            byKey.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    private static boolean nameTaken(List<ObjectNode> revisions, String name) {
        return revisions.stream().anyMatch(r -> name.equals(Json.name(r)));
    }

    private static ObjectNode newRevision(StatefulSetView set, ObjectNode data, String name, String hash, long number) {
        ObjectNode r = Json.object();
        r.put("apiVersion", "apps/v1");
        r.put("kind", "ControllerRevision");
        ObjectNode meta = r.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", set.namespace());
        Map<String, String> labels = Json.stringMap(set.template(), "metadata", "labels");
        labels.put(HASH_LABEL, hash);
        meta.set("labels", Json.stringMapNode(labels));
        Map<String, String> annotations = Json.annotations(set.set());
        if (!annotations.isEmpty()) {
            meta.set("annotations", Json.stringMapNode(annotations));
        }
        meta.putArray("ownerReferences").add(set.controllerRef());
        r.set("data", data);
        r.put("revision", number);
        return r;
    }

    static long number(JsonNode revision) {
        JsonNode n = Json.at(revision, "revision");
        return n.isNumber() ? n.asLong() : 0;
    }

    /** The pod template a stored revision holds, without the {@code $patch} directive. */
    static ObjectNode templateOf(JsonNode revision) {
        JsonNode t = Json.at(revision, "data", "spec", "template");
        ObjectNode template = t.isObject() ? (ObjectNode) t.deepCopy() : Json.object();
        template.remove("$patch");
        return template;
    }

    static Revision of(ObjectNode stored) {
        return new Revision(Json.name(stored), templateOf(stored), number(stored));
    }

    /** Kubernetes' {@code SortControllerRevisions}: by revision number, then creation time, then name. */
    static final Comparator<ObjectNode> ORDER = Comparator.comparingLong((ObjectNode r) -> number(r))
            .thenComparing((ObjectNode r) -> Json.strOr(r, "", "metadata", "creationTimestamp"))
            .thenComparing((ObjectNode r) -> Json.strOr(r, "", "metadata", "name"));
}
