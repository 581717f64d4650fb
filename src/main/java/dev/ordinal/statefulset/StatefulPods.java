package dev.ordinal.statefulset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pod and claim identity for StatefulSets, after Kubernetes' stateful_set_utils.go: names, ordinals, the predicates
 * the sync algorithm waits on, and the pods and claims a set creates.
 */
final class StatefulPods {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";
    private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

    private StatefulPods() {
    }

    static String podName(String set, int ordinal) {
        return set + "-" + ordinal;
    }

    static String claimName(String template, String set, int ordinal) {
        return template + "-" + set + "-" + ordinal;
    }

    /** The ordinal in a name {@code {parent}-{n}}, or -1 when the name does not parse. */
    static int ordinal(String name) {
        Matcher m = name == null ? null : ORDINAL.matcher(name);
        if (m == null || !m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String parent(String name) {
        Matcher m = name == null ? null : ORDINAL.matcher(name);
        return m != null && m.matches() ? m.group(1) : null;
    }

    static int ordinal(JsonNode pod) {
        return ordinal(Json.name(pod));
    }

    /** Whether the pod belongs to the set by name: {@code {set}-{n}} with a valid ordinal. */
    static boolean isMemberOf(StatefulSetView set, JsonNode pod) {
        return set.name().equals(parent(Json.name(pod))) && ordinal(pod) >= 0;
    }

    /** Not available after minReadySeconds, or terminating; a pod not yet created is unavailable. */
    static boolean isUnavailable(JsonNode pod, int minReadySeconds, Instant now) {
        return pod == null || !Pods.isRunningAndAvailable(pod, minReadySeconds, now) || Json.isTerminating(pod);
    }

    static String revision(JsonNode pod) {
        return Json.labels(pod).get(REVISION_LABEL);
    }

    /** Whether the pod's name and identity labels are the ones its ordinal requires ({@code identityMatches}). */
    static boolean identityMatches(StatefulSetView set, JsonNode pod) {
        int ord = ordinal(pod);
        Map<String, String> labels = Json.labels(pod);
        return isMemberOf(set, pod)
                && Json.namespace(pod).equals(set.namespace())
                && Json.name(pod).equals(labels.get(POD_NAME_LABEL))
                && Integer.toString(ord).equals(labels.get(POD_INDEX_LABEL));
    }

    /** Whether every claim template is mounted from this ordinal's claim ({@code storageMatches}). */
    static boolean storageMatches(StatefulSetView set, JsonNode pod) {
        int ord = ordinal(pod);
        if (ord < 0) {
            return false;
        }
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        Json.list(pod, "spec", "volumes").forEach(v -> volumes.put(Json.str(v, "name"), v));
        for (JsonNode t : set.claimTemplates()) {
            String tname = Json.name(t);
            JsonNode v = volumes.get(tname);
            if (v == null || !claimName(tname, set.name(), ord)
                    .equals(Json.str(v, "persistentVolumeClaim", "claimName"))) {
                return false;
            }
        }
        return true;
    }

    /** Sets the identity labels of the pod's ordinal ({@code updateIdentity}), in place. */
    static void updateIdentity(StatefulSetView set, ObjectNode pod) {
        int ord = ordinal(pod);
        Json.meta(pod).put("namespace", set.namespace());
        Json.setLabel(pod, POD_NAME_LABEL, Json.name(pod));
        Json.setLabel(pod, POD_INDEX_LABEL, Integer.toString(ord));
    }

    /**
     * Mounts each claim template's claim as a volume named after the template, replacing a template volume of that
     * name and keeping every other volume ({@code updateStorage}), in place.
     */
    static void updateStorage(StatefulSetView set, ObjectNode pod) {
        int ord = ordinal(pod);
        List<JsonNode> current = Json.list(pod, "spec", "volumes");
        ArrayNode volumes = Json.array();
        List<String> templateNames = new ArrayList<>();
        for (JsonNode t : set.claimTemplates()) {
            String tname = Json.name(t);
            templateNames.add(tname);
            ObjectNode v = volumes.addObject();
            v.put("name", tname);
            v.putObject("persistentVolumeClaim").put("claimName", claimName(tname, set.name(), ord));
        }
        for (JsonNode v : current) {
            if (!templateNames.contains(Json.str(v, "name"))) {
                volumes.add(v.deepCopy());
            }
        }
        if (volumes.isEmpty()) {
            Json.with(pod, "spec").remove("volumes");
        } else {
            Json.with(pod, "spec").set("volumes", volumes);
        }
    }

    /**
     * The pod of {@code ordinal} from {@code template} ({@code newStatefulSetPod}): template labels, annotations,
     * finalizers and spec; the controller reference; hostname and subdomain; identity labels; claim volumes; and the
     * revision label naming the ControllerRevision the template comes from.
     */
    static ObjectNode newPod(StatefulSetView set, ObjectNode template, String revisionName, int ordinal) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        String name = podName(set.name(), ordinal);
        meta.put("name", name);
        // GetPodFromTemplate sets the prefix too; the explicit name wins, as in Kubernetes.
        meta.put("generateName", set.name() + "-");
        meta.put("namespace", set.namespace());
        meta.set("labels", Json.stringMapNode(Json.stringMap(template, "metadata", "labels")));
        Map<String, String> annotations = Json.stringMap(template, "metadata", "annotations");
        if (!annotations.isEmpty()) {
            meta.set("annotations", Json.stringMapNode(annotations));
        }
        List<String> finalizers = Json.strings(template, "metadata", "finalizers");
        if (!finalizers.isEmpty()) {
            meta.set("finalizers", Json.stringArray(finalizers));
        }
        meta.putArray("ownerReferences").add(set.controllerRef());
        JsonNode spec = Json.at(template, "spec");
        ObjectNode podSpec = spec.isObject() ? (ObjectNode) spec.deepCopy() : Json.object();
        pod.set("spec", podSpec);
        podSpec.put("hostname", name);
        if (set.serviceName() != null && !set.serviceName().isEmpty()) {
            podSpec.put("subdomain", set.serviceName());
        }
        updateIdentity(set, pod);
        updateStorage(set, pod);
        Json.setLabel(pod, REVISION_LABEL, revisionName);
        return pod;
    }

    /**
     * The claims of {@code ordinal}, keyed by template name ({@code getPersistentVolumeClaims}): a copy of each
     * template named {@code {template}-{set}-{ordinal}}, labelled with the template labels and the selector's
     * matchLabels.
     */
    static Map<String, ObjectNode> newClaims(StatefulSetView set, int ordinal) {
        Map<String, ObjectNode> claims = new LinkedHashMap<>();
        for (JsonNode t : set.claimTemplates()) {
            String tname = Json.name(t);
            ObjectNode claim = Json.object();
            claim.put("apiVersion", "v1");
            claim.put("kind", "PersistentVolumeClaim");
            JsonNode tmeta = Json.at(t, "metadata");
            ObjectNode meta = tmeta.isObject() ? (ObjectNode) tmeta.deepCopy() : Json.object();
            for (String f : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "ownerReferences",
                    "deletionTimestamp", "generateName")) {
                meta.remove(f);
            }
            meta.put("name", claimName(tname, set.name(), ordinal));
            meta.put("namespace", set.namespace());
            Map<String, String> labels = Json.stringMap(t, "metadata", "labels");
            labels.putAll(set.matchLabels());
            meta.set("labels", Json.stringMapNode(labels));
            claim.set("metadata", meta);
            JsonNode spec = Json.at(t, "spec");
            claim.set("spec", spec.isObject() ? spec.deepCopy() : Json.object());
            claims.put(tname, claim);
        }
        return claims;
    }
}
