package dev.ordinal.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.ordinal.api.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in schemas are complete and exact, so that unknown-field pruning, wrong-type errors and strategic-merge
 * keys can walk them: an object schema with {@code properties} lists every field of its Kubernetes v1.32 Go type (the
 * field lists below are written from k8s.io/api core/v1 and apps/v1 types.go, not from Ordinal's own lists), and
 * every list Kubernetes merges by key carries the same {@code x-kubernetes-patch-*} and list-type extensions as
 * Kubernetes' published OpenAPI v3.
 */
class KubernetesSchemasCompletenessTest {
    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /** Kubernetes v1.32's fields, by component. */
    private static final Map<String, Set<String>> KUBERNETES_FIELDS = Map.ofEntries(
            Map.entry(CORE + "PodSpec", Set.of("volumes", "initContainers", "containers", "ephemeralContainers",
                    "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
                    "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName",
                    "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
                    "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations",
                    "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
                    "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
                    "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims", "resources")),
            Map.entry(CORE + "Container", Set.of("name", "image", "command", "args", "workingDir", "ports", "envFrom",
                    "env", "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
                    "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                    "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty")),
            Map.entry(CORE + "EphemeralContainer", Set.of("name", "image", "command", "args", "workingDir", "ports",
                    "envFrom", "env", "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
                    "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                    "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
                    "targetContainerName")),
            Map.entry(CORE + "ContainerPort", Set.of("name", "hostPort", "containerPort", "protocol", "hostIP")),
            Map.entry(CORE + "EnvVar", Set.of("name", "value", "valueFrom")),
            Map.entry(CORE + "VolumeMount", Set.of("name", "readOnly", "recursiveReadOnly", "mountPath", "subPath",
                    "mountPropagation", "subPathExpr")),
            Map.entry(CORE + "Volume", Set.of("name", "hostPath", "emptyDir", "gcePersistentDisk",
                    "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim",
                    "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
                    "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume",
                    "scaleIO", "storageos", "csi", "ephemeral", "image")),
            Map.entry(CORE + "ResourceRequirements", Set.of("limits", "requests", "claims")),
            Map.entry(CORE + "PodTemplateSpec", Set.of("metadata", "spec")),
            Map.entry(CORE + "PersistentVolumeClaim", Set.of("apiVersion", "kind", "metadata", "spec", "status")),
            Map.entry(CORE + "PersistentVolumeClaimSpec", Set.of("accessModes", "selector", "resources", "volumeName",
                    "storageClassName", "volumeMode", "dataSource", "dataSourceRef", "volumeAttributesClassName")),
            Map.entry(CORE + "ServiceSpec", Set.of("ports", "selector", "clusterIP", "clusterIPs", "type",
                    "externalIPs", "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
                    "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses",
                    "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts",
                    "loadBalancerClass", "internalTrafficPolicy", "trafficDistribution")),
            Map.entry(CORE + "ServicePort", Set.of("name", "protocol", "appProtocol", "port", "targetPort",
                    "nodePort")),
            Map.entry(APPS + "StatefulSetSpec", Set.of("replicas", "selector", "template", "volumeClaimTemplates",
                    "serviceName", "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                    "persistentVolumeClaimRetentionPolicy", "ordinals")),
            Map.entry(APPS + "StatefulSetUpdateStrategy", Set.of("type", "rollingUpdate")),
            Map.entry(APPS + "RollingUpdateStatefulSetStrategy", Set.of("partition", "maxUnavailable")),
            Map.entry(APPS + "StatefulSetPersistentVolumeClaimRetentionPolicy", Set.of("whenDeleted", "whenScaled")),
            Map.entry(META + "ObjectMeta", Set.of("name", "generateName", "namespace", "selfLink", "uid",
                    "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
                    "managedFields")),
            Map.entry(META + "LabelSelector", Set.of("matchLabels", "matchExpressions")));

    /**
     * Kubernetes' published strategic-merge and list extensions, as {@code component.field} to {merge key (or "" for
     * none), patch strategy, list type, list-map keys...}.
     */
    private static final Map<String, List<String>> LIST_EXTENSIONS = Map.ofEntries(
            Map.entry(CORE + "PodSpec.containers", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "PodSpec.initContainers", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "PodSpec.ephemeralContainers", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "PodSpec.volumes", List.of("name", "merge,retainKeys", "map", "name")),
            Map.entry(CORE + "PodSpec.imagePullSecrets", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "PodSpec.hostAliases", List.of("ip", "merge", "map", "ip")),
            Map.entry(CORE + "PodSpec.topologySpreadConstraints",
                    List.of("topologyKey", "merge", "map", "topologyKey", "whenUnsatisfiable")),
            Map.entry(CORE + "PodSpec.schedulingGates", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "PodSpec.resourceClaims", List.of("name", "merge,retainKeys", "map", "name")),
            Map.entry(CORE + "PodSpec.tolerations", List.of("", "", "atomic")),
            Map.entry(CORE + "PodSpec.readinessGates", List.of("", "", "atomic")),
            Map.entry(CORE + "Container.env", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "Container.ports", List.of("containerPort", "merge", "map", "containerPort", "protocol")),
            Map.entry(CORE + "Container.volumeMounts", List.of("mountPath", "merge", "map", "mountPath")),
            Map.entry(CORE + "Container.volumeDevices", List.of("devicePath", "merge", "map", "devicePath")),
            Map.entry(CORE + "Container.args", List.of("", "", "atomic")),
            Map.entry(CORE + "Container.command", List.of("", "", "atomic")),
            Map.entry(CORE + "Container.envFrom", List.of("", "", "atomic")),
            Map.entry(CORE + "Container.resizePolicy", List.of("", "", "atomic")),
            Map.entry(CORE + "EphemeralContainer.env", List.of("name", "merge", "map", "name")),
            Map.entry(CORE + "ResourceRequirements.claims", List.of("", "", "map", "name")),
            Map.entry(CORE + "ServiceSpec.ports", List.of("port", "merge", "map", "port", "protocol")),
            Map.entry(CORE + "PodStatus.conditions", List.of("type", "merge", "map", "type")),
            Map.entry(CORE + "PodStatus.podIPs", List.of("ip", "merge", "map", "ip")),
            Map.entry(CORE + "PodStatus.hostIPs", List.of("ip", "merge", "atomic")),
            Map.entry(CORE + "PodStatus.containerStatuses", List.of("", "", "atomic")),
            Map.entry(CORE + "NodeStatus.addresses", List.of("type", "merge", "map", "type")),
            Map.entry(CORE + "NodeStatus.conditions", List.of("type", "merge", "map", "type")),
            Map.entry(CORE + "NodeSpec.taints", List.of("", "", "atomic")),
            Map.entry(CORE + "PersistentVolumeClaimSpec.accessModes", List.of("", "", "atomic")),
            Map.entry(APPS + "StatefulSetSpec.volumeClaimTemplates", List.of("", "", "atomic")),
            Map.entry(APPS + "StatefulSetStatus.conditions", List.of("type", "merge", "map", "type")),
            Map.entry(META + "ObjectMeta.ownerReferences", List.of("uid", "merge", "map", "uid")),
            Map.entry(META + "ObjectMeta.finalizers", List.of("", "merge", "set")),
            Map.entry(META + "ObjectMeta.managedFields", List.of("", "", "atomic")),
            Map.entry(META + "LabelSelector.matchExpressions", List.of("", "", "atomic")));

    private final Map<String, ObjectNode> all = KubernetesSchemas.all();

    @Test
    void keySchemasListExactlyTheFieldsOfTheirKubernetesType() {
        KUBERNETES_FIELDS.forEach((component, fields) ->
                assertThat(properties(component)).as(component).isEqualTo(new TreeSet<>(fields)));
    }

    @Test
    void listsCarryKubernetesMergeKeysPatchStrategiesAndListTypes() {
        LIST_EXTENSIONS.forEach((path, ext) -> {
            JsonNode field = field(path);
            assertThat(field.path("type").asString()).as(path).isEqualTo("array");
            assertThat(field.path("x-kubernetes-patch-merge-key").asString("")).as(path + " merge key").isEqualTo(ext.get(0));
            assertThat(field.path("x-kubernetes-patch-strategy").asString("")).as(path + " strategy").isEqualTo(ext.get(1));
            assertThat(field.path("x-kubernetes-list-type").asString("")).as(path + " list type").isEqualTo(ext.get(2));
            List<String> keys = new ArrayList<>();
            field.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString()));
            assertThat(keys).as(path + " list-map keys").isEqualTo(ext.subList(3, ext.size()));
        });
    }

    @Test
    void fieldsHaveTheGoTypesKubernetesDecodesThemInto() {
        assertThat(field(APPS + "StatefulSetSpec.replicas").path("format").asString()).isEqualTo("int32");
        assertThat(field(CORE + "PodSpec.terminationGracePeriodSeconds").path("format").asString()).isEqualTo("int64");
        assertThat(field(CORE + "PodSpec.activeDeadlineSeconds").path("format").asString()).isEqualTo("int64");
        assertThat(field(CORE + "PodSpec.priority").path("format").asString()).isEqualTo("int32");
        assertThat(field(CORE + "PodSpec.hostNetwork").path("type").asString()).isEqualTo("boolean");
        assertThat(field(CORE + "PodSpec.nodeSelector").path("additionalProperties").path("type").asString())
                .isEqualTo("string");
        assertThat(field(CORE + "PodSpec.containers").path("items").path("$ref").asString())
                .isEqualTo(SchemaBuilder.REF_PREFIX + CORE + "Container");
        assertThat(refOf(field(APPS + "StatefulSetSpec.template"))).isEqualTo(CORE + "PodTemplateSpec");
        assertThat(refOf(field(APPS + "StatefulSetSpec.selector"))).isEqualTo(META + "LabelSelector");
        assertThat(refOf(field(CORE + "Volume.persistentVolumeClaim")))
                .isEqualTo(CORE + "PersistentVolumeClaimVolumeSource");
        assertThat(field(CORE + "Volume.name").path("type").asString()).isEqualTo("string");
    }

    @Test
    void intOrStringFieldsAreMarkedAndReferToKubernetesIntOrString() {
        for (String path : List.of(CORE + "ServicePort.targetPort", APPS + "RollingUpdateStatefulSetStrategy.maxUnavailable",
                "io.k8s.api.policy.v1.PodDisruptionBudgetSpec.minAvailable",
                "io.k8s.api.policy.v1.PodDisruptionBudgetSpec.maxUnavailable")) {
            JsonNode f = field(path);
            assertThat(f.path("x-kubernetes-int-or-string").asBoolean(false)).as(path).isTrue();
            assertThat(refOf(f)).as(path).isEqualTo(SchemaBuilder.INT_OR_STRING);
        }
        ObjectNode ios = all.get(SchemaBuilder.INT_OR_STRING);
        assertThat(ios.path("format").asString()).isEqualTo("int-or-string");
        assertThat(ios.path("oneOf").findValuesAsString("type")).containsExactly("integer", "string");
    }

    @Test
    void unmodelledTypesAreKeptAsGivenInsteadOfListedInPart() {
        for (String c : List.of("Probe", "Lifecycle", "SecurityContext", "PodSecurityContext", "Affinity",
                "PodDNSConfig", "EnvVarSource", "NFSVolumeSource", "CSIVolumeSource", "ProjectedVolumeSource")) {
            ObjectNode s = all.get(CORE + c);
            assertThat(s).as(c).isNotNull();
            assertThat(s.path("type").asString()).as(c).isEqualTo("object");
            assertThat(s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)).as(c).isTrue();
            assertThat(s.has("properties")).as(c).isFalse();
        }
        assertThat(refOf(field(CORE + "Container.livenessProbe"))).isEqualTo(CORE + "Probe");
        assertThat(refOf(field(CORE + "Volume.nfs"))).isEqualTo(CORE + "NFSVolumeSource");
    }

    @Test
    void everyReferenceNamesAComponentAndEveryKindDeclaresItsEnvelope() {
        all.forEach((name, schema) -> {
            for (String ref : SchemaBuilder.refsIn(schema)) {
                assertThat(all).as(name + " refers to " + ref).containsKey(ref);
            }
            if (schema.has("x-kubernetes-group-version-kind") && !name.startsWith(META)) {
                assertThat(properties(name)).as(name).contains("apiVersion", "kind", "metadata");
            }
        });
    }

    /**
     * The article's manifests, walked as the API server walks a structural schema: every field they set is declared
     * where they set it, with a JSON type the schema allows, so pruning by these schemas keeps them whole.
     */
    @Test
    void theArticlesManifestsSetOnlyDeclaredFieldsOfTheDeclaredTypes() throws IOException {
        List<Path> manifests;
        try (var files = Files.list(Path.of("src/test/resources/manifests"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).isNotEmpty();
        for (Path f : manifests) {
            JsonNode obj = YamlReader.read(Files.readString(f));
            String apiVersion = obj.path("apiVersion").asString();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String component = KubernetesSchemas.packageOf(group) + obj.path("kind").asString();
            assertThat(all).as(f.toString()).containsKey(component);
            List<String> problems = new ArrayList<>();
            walk(ref(component), obj, "", problems);
            assertThat(problems).as(f.toString()).isEmpty();
        }
        // The walk is not vacuous: a misspelt field and a wrong type in the same place are found.
        List<String> problems = new ArrayList<>();
        walk(ref(APPS + "StatefulSet"), YamlReader.read("""
                spec:
                  replicas: "3"
                  template:
                    spec:
                      containers:
                      - {name: web, imagePullPolcy: Always, livenessProbe: {anything: [1]}}
                """), "", problems);
        assertThat(problems).containsExactly(".spec.replicas: not an integer",
                ".spec.template.spec.containers[0].imagePullPolcy: unknown");
    }

    private void walk(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (value.isNull()) {
            return; // null decodes to the zero value of any Go type
        }
        JsonNode s = resolve(schema);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isString()) {
                problems.add(path + ": not an int or string");
            }
            return;
        }
        if (s.has("oneOf")) {
            return;
        }
        switch (s.path("type").asString("")) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": not an object");
                } else if (s.has("properties")) {
                    value.properties().forEach(e -> {
                        JsonNode p = s.get("properties").get(e.getKey());
                        if (p == null) {
                            problems.add(path + "." + e.getKey() + ": unknown");
                        } else {
                            walk(p, e.getValue(), path + "." + e.getKey(), problems);
                        }
                    });
                } else if (s.has("additionalProperties")) {
                    value.properties().forEach(e ->
                            walk(s.get("additionalProperties"), e.getValue(), path + "." + e.getKey(), problems));
                } else {
                    assertThat(s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)).as(path).isTrue();
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": not an array");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        walk(s.get("items"), value.get(i), path + "[" + i + "]", problems);
                    }
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": not an integer");
                }
            }
            case "string" -> {
                if (!value.isString()) {
                    problems.add(path + ": not a string");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": not a boolean");
                }
            }
            default -> problems.add(path + ": schema without a type");
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("allOf") || s.has("$ref")) {
            s = s.has("allOf") ? s.get("allOf").get(0)
                    : all.get(s.get("$ref").asString().substring(SchemaBuilder.REF_PREFIX.length()));
        }
        return s;
    }

    private static JsonNode ref(String component) {
        return SchemaBuilder.ref(component);
    }

    private Set<String> properties(String component) {
        ObjectNode s = all.get(component);
        assertThat(s).as(component).isNotNull();
        Set<String> out = new TreeSet<>();
        s.path("properties").properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    private JsonNode field(String path) {
        int dot = path.lastIndexOf('.');
        JsonNode f = all.get(path.substring(0, dot)).path("properties").get(path.substring(dot + 1));
        assertThat(f).as(path).isNotNull();
        return f;
    }

    private static String refOf(JsonNode field) {
        JsonNode r = field.has("allOf") ? field.get("allOf").get(0) : field;
        return r.path("$ref").asString("").substring(SchemaBuilder.REF_PREFIX.length());
    }
}
