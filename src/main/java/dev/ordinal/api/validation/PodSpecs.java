package dev.ordinal.api.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.MetadataValidation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults and validation of pod specs and pod templates, following pkg/apis/core/v1/defaults.go and
 * pkg/apis/core/validation/validation.go for the fields Ordinal's users write.
 */
public final class PodSpecs {
    /** The volume sources Kubernetes knows; a volume with none of them is defaulted to emptyDir. */
    public static final Set<String> VOLUME_SOURCES = Set.of("hostPath", "emptyDir", "gcePersistentDisk",
            "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
            "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
            "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO",
            "storageos", "csi", "ephemeral", "image");
    private static final String[] CONTAINER_LISTS = {"initContainers", "containers"};

    private PodSpecs() {
    }

    // ------------------------------------------------------------------ defaults

    /** A workload's pod template must restart its containers Always, as every workload validation requires. */
    public static List<FieldError> restartAlways(JsonNode template, String path) {
        String restart = Values.text(Json.at(template, "spec", "restartPolicy"));
        if (!restart.isEmpty() && !restart.equals("Always")) {
            return List.of(FieldError.notSupported(path + ".spec.restartPolicy", restart, "Always"));
        }
        return List.of();
    }

    /**
     * The defaults every workload spec gets: {@code replicas: 1} when unset, and the pod defaults in its template.
     */
    public static void workloadDefaults(ObjectNode spec) {
        if (!spec.has("replicas") || spec.get("replicas").isNull()) {
            spec.put("replicas", 1);
        }
        if (spec.path("template").isObject()) {
            defaults(Json.with((ObjectNode) spec.get("template"), "spec"));
        }
    }

    /**
     * Applies the defaults Kubernetes gives every pod spec, template or not: restartPolicy, dnsPolicy, schedulerName,
     * terminationGracePeriodSeconds, securityContext, container and volume defaults.
     */
    public static void defaults(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        if (!spec.has("terminationGracePeriodSeconds") || spec.get("terminationGracePeriodSeconds").isNull()) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        if (!spec.has("securityContext") || spec.get("securityContext").isNull()) {
            spec.putObject("securityContext");
        }
        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : Json.list(spec, list)) {
                if (c.isObject()) {
                    containerDefaults((ObjectNode) c);
                }
            }
        }
        for (JsonNode v : Json.list(spec, "volumes")) {
            if (v.isObject()) {
                volumeDefaults((ObjectNode) v);
            }
        }
    }

    /**
     * Applies the defaults a Pod (not a template) gets on top of {@link #defaults}: enableServiceLinks, the
     * service account and priority that admission sets, and requests copied from limits.
     */
    public static void podDefaults(ObjectNode spec) {
        defaults(spec);
        if (!spec.has("enableServiceLinks") || spec.get("enableServiceLinks").isNull()) {
            spec.put("enableServiceLinks", true);
        }
        putIfAbsent(spec, "serviceAccountName", "default");
        putIfAbsent(spec, "serviceAccount", Json.strOr(spec, "default", "serviceAccountName"));
        if (!spec.has("priority") || spec.get("priority").isNull()) {
            spec.put("priority", 0);
        }
        putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : Json.list(spec, list)) {
                JsonNode limits = c.path("resources").path("limits");
                if (c.isObject() && limits.isObject() && !limits.isEmpty()) {
                    ObjectNode requests = Json.with((ObjectNode) c, "resources", "requests");
                    for (Map.Entry<String, JsonNode> e : limits.properties()) {
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue().deepCopy());
                        }
                    }
                }
            }
        }
    }

    private static void containerDefaults(ObjectNode c) {
        putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(c, "terminationMessagePolicy", "File");
        if (Json.str(c, "imagePullPolicy") == null || Json.str(c, "imagePullPolicy").isEmpty()) {
            c.put("imagePullPolicy", "latest".equals(imageTag(Json.strOr(c, "", "image"))) ? "Always" : "IfNotPresent");
        }
        if (!c.has("resources") || c.get("resources").isNull()) {
            c.putObject("resources");
        }
        for (JsonNode p : Json.list(c, "ports")) {
            if (p.isObject()) {
                putIfAbsent((ObjectNode) p, "protocol", "TCP");
            }
        }
        for (JsonNode e : Json.list(c, "env")) {
            JsonNode fieldRef = e.path("valueFrom").path("fieldRef");
            if (fieldRef.isObject()) {
                putIfAbsent((ObjectNode) fieldRef, "apiVersion", "v1");
            }
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode p = c.get(probe);
            if (p != null && p.isObject()) {
                ObjectNode o = (ObjectNode) p;
                intIfAbsent(o, "timeoutSeconds", 1);
                intIfAbsent(o, "periodSeconds", 10);
                intIfAbsent(o, "successThreshold", 1);
                intIfAbsent(o, "failureThreshold", 3);
                JsonNode http = o.get("httpGet");
                if (http != null && http.isObject()) {
                    putIfAbsent((ObjectNode) http, "path", "/");
                    putIfAbsent((ObjectNode) http, "scheme", "HTTP");
                }
            }
        }
    }

    private static void volumeDefaults(ObjectNode v) {
        boolean hasSource = false;
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (VOLUME_SOURCES.contains(e.getKey()) && !e.getValue().isNull()) {
                hasSource = true;
            }
        }
        if (!hasSource) {
            v.putObject("emptyDir");
        }
        for (String src : List.of("secret", "configMap")) {
            JsonNode s = v.get(src);
            if (s != null && s.isObject()) {
                intIfAbsent((ObjectNode) s, "defaultMode", 420);
            }
        }
    }

    /** The tag of an image reference as Kubernetes' ParseImageName sees it: "latest" when neither tag nor digest. */
    public static String imageTag(String image) {
        String ref = image;
        boolean digest = false;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
            digest = true;
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            return ref.substring(colon + 1);
        }
        return digest ? "" : "latest";
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || (n.isString() && n.stringValue().isEmpty())) {
            o.put(field, value);
        }
    }

    private static void intIfAbsent(ObjectNode o, String field, int value) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            o.put(field, value);
        }
    }

    // ------------------------------------------------------------------ validation

    /**
     * Kubernetes' ValidatePodTemplateSpec for a template at {@code path} (e.g. {@code spec.template}): template
     * labels and annotations, then the pod spec at {@code path.spec}. {@code extraVolumes} are names a workload
     * adds to its pods (a StatefulSet's claim templates), which volume mounts may refer to.
     */
    public static List<FieldError> validateTemplate(JsonNode template, String path, String kind,
                                                    Collection<String> extraVolumes) {
        List<FieldError> errs = new ArrayList<>();
        if (template == null || !template.isObject()) {
            errs.add(FieldError.required(path));
            return errs;
        }
        errs.addAll(MetadataValidation.labels(path + ".labels", Json.at(template, "metadata", "labels")));
        JsonNode annotations = Json.at(template, "metadata", "annotations");
        if (annotations.isObject()) {
            for (Map.Entry<String, JsonNode> e : annotations.properties()) {
                errs.addAll(MetadataValidation.qualifiedName(path + ".annotations", e.getKey()));
            }
        }
        errs.addAll(validateSpec(template.path("spec"), path + ".spec", kind, extraVolumes));
        return errs;
    }

    /** Kubernetes' ValidatePodSpec for the spec at {@code path}, with its messages and field paths. */
    public static List<FieldError> validateSpec(JsonNode spec, String path, String kind, Collection<String> extraVolumes) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            errs.add(FieldError.required(path + ".containers"));
            return errs;
        }
        Set<String> volumeNames = new HashSet<>(extraVolumes);
        errs.addAll(validateVolumes(spec.path("volumes"), path + ".volumes", volumeNames));
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errs.add(FieldError.required(path + ".containers"));
        }
        Set<String> containerNames = new HashSet<>();
        for (String list : new String[]{"containers", "initContainers"}) {
            JsonNode cs = spec.path(list);
            if (!cs.isArray()) {
                continue;
            }
            for (int i = 0; i < cs.size(); i++) {
                errs.addAll(validateContainer(cs.get(i), path + "." + list + "[" + i + "]", kind, volumeNames,
                        containerNames));
            }
        }
        JsonNode restart = spec.path("restartPolicy");
        if (Values.text(restart).isEmpty()) {
            errs.add(FieldError.required(path + ".restartPolicy"));
        } else {
            errs.addAll(Values.oneOf(restart, path + ".restartPolicy", "Always", "OnFailure", "Never"));
        }
        errs.addAll(Values.oneOf(spec.path("dnsPolicy"), path + ".dnsPolicy", "ClusterFirst",
                "ClusterFirstWithHostNet", "Default", "None"));
        errs.addAll(MetadataValidation.labels(path + ".nodeSelector", spec.path("nodeSelector")));
        String sa = Values.text(spec.path("serviceAccountName"));
        if (!sa.isEmpty()) {
            errs.addAll(MetadataValidation.dnsSubdomain(path + ".serviceAccountName", sa));
        }
        String nodeName = Values.text(spec.path("nodeName"));
        if (!nodeName.isEmpty()) {
            errs.addAll(MetadataValidation.dnsSubdomain(path + ".nodeName", nodeName));
        }
        JsonNode ads = spec.path("activeDeadlineSeconds");
        if (ads.isNumber() && (ads.asLong() < 1 || ads.asLong() > Integer.MAX_VALUE)) {
            errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", ads.asString(),
                    "must be between 1 and 2147483647, inclusive"));
        }
        for (String f : List.of("hostname", "subdomain")) {
            String v = Values.text(spec.path(f));
            if (!v.isEmpty()) {
                errs.addAll(MetadataValidation.dnsLabel(path + "." + f, v));
            }
        }
        return errs;
    }

    private static List<FieldError> validateVolumes(JsonNode volumes, String path, Set<String> names) {
        List<FieldError> errs = new ArrayList<>();
        if (!volumes.isArray()) {
            return errs;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode v = volumes.get(i);
            String p = path + "[" + i + "]";
            List<String> sources = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (VOLUME_SOURCES.contains(e.getKey()) && !e.getValue().isNull()) {
                    sources.add(e.getKey());
                }
            }
            if (sources.isEmpty()) {
                errs.add(FieldError.required(p, "must specify a volume type"));
            } else if (sources.size() > 1) {
                errs.add(FieldError.forbidden(p + "." + sources.get(1), "may not specify more than 1 volume type"));
            }
            if (v.path("persistentVolumeClaim").isObject()
                    && Values.text(v.path("persistentVolumeClaim").path("claimName")).isEmpty()) {
                errs.add(FieldError.required(p + ".persistentVolumeClaim.claimName"));
            }
            if (v.path("hostPath").isObject() && Values.text(v.path("hostPath").path("path")).isEmpty()) {
                errs.add(FieldError.required(p + ".hostPath.path"));
            }
            String name = Values.text(v.path("name"));
            if (name.isEmpty()) {
                errs.add(FieldError.required(p + ".name"));
            } else {
                errs.addAll(MetadataValidation.dnsLabel(p + ".name", name));
            }
            if (!seen.add(name)) {
                errs.add(FieldError.duplicate(p + ".name", FieldError.quote(name)));
            }
            names.add(name);
        }
        return errs;
    }

    private static List<FieldError> validateContainer(JsonNode c, String p, String kind, Set<String> volumes,
                                                      Set<String> names) {
        List<FieldError> errs = new ArrayList<>();
        String name = Values.text(c.path("name"));
        if (name.isEmpty()) {
            errs.add(FieldError.required(p + ".name"));
        } else {
            errs.addAll(MetadataValidation.dnsLabel(p + ".name", name));
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(p + ".name", FieldError.quote(name)));
            }
        }
        if (Values.text(c.path("image")).isEmpty()) {
            errs.add(FieldError.required(p + ".image"));
        }
        String tmp = Values.text(c.path("terminationMessagePolicy"));
        if (tmp.isEmpty()) {
            errs.add(FieldError.required(p + ".terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'"));
        } else {
            errs.addAll(Values.oneOf(c.path("terminationMessagePolicy"), p + ".terminationMessagePolicy", "File",
                    "FallbackToLogsOnError"));
        }
        errs.addAll(validatePorts(c.path("ports"), p + ".ports"));
        errs.addAll(validateEnv(c.path("env"), p + ".env"));
        errs.addAll(validateMounts(c.path("volumeMounts"), p + ".volumeMounts", volumes));
        errs.addAll(validateResources(c.path("resources"), p + ".resources", kind));
        String pull = Values.text(c.path("imagePullPolicy"));
        if (pull.isEmpty()) {
            errs.add(FieldError.required(p + ".imagePullPolicy"));
        } else {
            errs.addAll(Values.oneOf(c.path("imagePullPolicy"), p + ".imagePullPolicy", "Always", "IfNotPresent",
                    "Never"));
        }
        return errs;
    }

    private static List<FieldError> validatePorts(JsonNode ports, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (!ports.isArray()) {
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String p = path + "[" + i + "]";
            String name = Values.text(port.path("name"));
            if (!name.isEmpty()) {
                List<String> msgs = portNameErrors(name);
                for (String m : msgs) {
                    errs.add(FieldError.invalidString(p + ".name", name, m));
                }
                if (msgs.isEmpty() && !names.add(name)) {
                    errs.add(FieldError.duplicate(p + ".name", FieldError.quote(name)));
                }
            }
            JsonNode cp = port.path("containerPort");
            if (!cp.isNumber() || cp.asLong() == 0) {
                errs.add(FieldError.required(p + ".containerPort"));
            } else if (cp.asLong() < 1 || cp.asLong() > 65535) {
                errs.add(FieldError.invalid(p + ".containerPort", cp.asString(), "must be between 1 and 65535, inclusive"));
            }
            JsonNode hp = port.path("hostPort");
            if (hp.isNumber() && hp.asLong() != 0 && (hp.asLong() < 1 || hp.asLong() > 65535)) {
                errs.add(FieldError.invalid(p + ".hostPort", hp.asString(), "must be between 1 and 65535, inclusive"));
            }
            if (Values.text(port.path("protocol")).isEmpty()) {
                errs.add(FieldError.required(p + ".protocol"));
            } else {
                errs.addAll(Values.oneOf(port.path("protocol"), p + ".protocol", "SCTP", "TCP", "UDP"));
            }
        }
        return errs;
    }

    /** Kubernetes' IsValidPortName (an IANA service name) messages for {@code name}. */
    public static List<String> portNameErrors(String name) {
        List<String> msgs = new ArrayList<>();
        if (name.length() > 15) {
            msgs.add("must be no more than 15 characters");
        }
        if (!name.matches("[-a-z0-9]+")) {
            msgs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (name.contains("--")) {
            msgs.add("must not contain consecutive hyphens");
        }
        if (!name.matches(".*[a-z].*")) {
            msgs.add("must contain at least one letter (a-z)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            msgs.add("must not begin or end with a hyphen");
        }
        return msgs;
    }

    private static List<FieldError> validateEnv(JsonNode env, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (!env.isArray()) {
            return errs;
        }
        for (int i = 0; i < env.size(); i++) {
            String name = Values.text(env.get(i).path("name"));
            String p = path + "[" + i + "].name";
            if (name.isEmpty()) {
                errs.add(FieldError.required(p));
            } else if (!name.matches("[ -<>-~]+")) {
                errs.add(FieldError.invalidString(p, name,
                        "a valid environment variable name must consist only of printable ASCII characters other than '='"));
            }
        }
        return errs;
    }

    private static List<FieldError> validateMounts(JsonNode mounts, String path, Set<String> volumes) {
        List<FieldError> errs = new ArrayList<>();
        if (!mounts.isArray()) {
            return errs;
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode m = mounts.get(i);
            String p = path + "[" + i + "]";
            String name = Values.text(m.path("name"));
            if (name.isEmpty()) {
                errs.add(FieldError.required(p + ".name"));
            }
            if (!volumes.contains(name)) {
                errs.add(new FieldError("FieldValueNotFound", p + ".name", "Not found: " + FieldError.quote(name)));
            }
            String mountPath = Values.text(m.path("mountPath"));
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(p + ".mountPath"));
            }
            if (!paths.add(mountPath) && !mountPath.isEmpty()) {
                errs.add(FieldError.invalidString(p + ".mountPath", mountPath, "must be unique"));
            }
        }
        return errs;
    }

    private static List<FieldError> validateResources(JsonNode resources, String path, String kind) {
        List<FieldError> errs = new ArrayList<>();
        if (!resources.isObject()) {
            return errs;
        }
        JsonNode limits = resources.path("limits");
        JsonNode requests = resources.path("requests");
        for (String part : List.of("limits", "requests")) {
            JsonNode m = resources.path(part);
            if (!m.isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                Quantity.requireValid(e.getValue(), kind);
                BigDecimal q = Quantity.parse(e.getValue());
                if (q != null && q.signum() < 0) {
                    errs.add(FieldError.invalid(path + "." + part + "[" + e.getKey() + "]",
                            FieldError.quote(Values.text(e.getValue())), "must be greater than or equal to 0"));
                }
            }
        }
        if (requests.isObject() && limits.isObject()) {
            for (Map.Entry<String, JsonNode> e : requests.properties()) {
                JsonNode limit = limits.get(e.getKey());
                if (limit != null && Quantity.compare(e.getValue(), limit) > 0) {
                    errs.add(FieldError.invalid(path + ".requests[" + e.getKey() + "]",
                            FieldError.quote(Values.text(e.getValue())), "must be less than or equal to "
                                    + e.getKey() + " limit of " + Values.text(limit)));
                }
            }
        }
        return errs;
    }

    // ------------------------------------------------------------------ updates

    /** The fields a pod update may change, in Kubernetes' words (v1.32, without in-place resize). */
    public static final String POD_UPDATE_FORBIDDEN = "pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /**
     * Kubernetes' ValidatePodUpdate rule on the spec: everything but container images, activeDeadlineSeconds,
     * tolerations (additions only) and terminationGracePeriodSeconds is immutable. Binding a pod (setting
     * nodeName once) and removing scheduling gates are allowed, as the binding subresource and the scheduler do.
     */
    public static List<FieldError> validateUpdate(JsonNode newSpec, JsonNode oldSpec) {
        List<FieldError> errs = new ArrayList<>();
        if (!newSpec.isObject() || !oldSpec.isObject()) {
            return errs;
        }
        ObjectNode munged = (ObjectNode) newSpec.deepCopy();
        for (String list : new String[]{"containers", "initContainers"}) {
            JsonNode oldList = oldSpec.path(list);
            JsonNode newList = munged.path(list);
            if (oldList.isArray() && newList.isArray() && oldList.size() == newList.size()) {
                for (int i = 0; i < newList.size(); i++) {
                    if (newList.get(i).isObject() && oldList.get(i).has("image")) {
                        ((ObjectNode) newList.get(i)).set("image", oldList.get(i).get("image").deepCopy());
                    }
                }
            }
        }
        for (String f : List.of("activeDeadlineSeconds", "terminationGracePeriodSeconds")) {
            copyField(oldSpec, munged, f);
        }
        if (Values.text(oldSpec.path("nodeName")).isEmpty()) {
            copyField(oldSpec, munged, "nodeName");
        }
        if (Values.isEmpty(munged.path("schedulingGates"))) {
            copyField(oldSpec, munged, "schedulingGates");
        }
        List<JsonNode> oldTolerations = Json.list(oldSpec, "tolerations");
        List<JsonNode> newTolerations = Json.list(newSpec, "tolerations");
        boolean additionsOnly = newTolerations.containsAll(oldTolerations);
        if (additionsOnly) {
            copyField(oldSpec, munged, "tolerations");
        } else {
            errs.add(FieldError.forbidden("spec.tolerations",
                    "existing toleration can not be modified except its tolerationSeconds"));
            copyField(oldSpec, munged, "tolerations");
        }
        if (!munged.equals(oldSpec)) {
            errs.add(FieldError.forbidden("spec", POD_UPDATE_FORBIDDEN));
        }
        return errs;
    }

    private static void copyField(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    /** The names of the claim templates of a StatefulSet spec. */
    public static List<String> claimTemplateNames(JsonNode stsSpec) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : Json.list(stsSpec, "volumeClaimTemplates")) {
            names.add(Json.strOr(t, "", "metadata", "name"));
        }
        return names;
    }
}
