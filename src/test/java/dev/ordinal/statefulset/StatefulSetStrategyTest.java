package dev.ordinal.statefulset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.support.Manifests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StatefulSetStrategyTest {
    private final StatefulSetStrategy strategy = new StatefulSetStrategy();

    /** The article's StatefulSet (seed-statefulset.yaml) in namespace default. */
    static ObjectNode sts() {
        ObjectNode o = Manifests.object(Manifests.STATEFUL_SET);
        Json.meta(o).put("namespace", "default");
        return o;
    }

    private ObjectNode defaulted(ObjectNode o) {
        strategy.defaults(o);
        return o;
    }

    private List<String> errors(ObjectNode o) {
        return strategy.validate(defaulted(o)).stream().map(FieldError::text).toList();
    }

    @Test
    void defaultsAreKubernetes() {
        ObjectNode o = sts();
        Json.with(o, "spec").remove("replicas");
        defaulted(o);
        assertThat(Json.integer(o, -1, "spec", "replicas")).isEqualTo(1);
        assertThat(Json.str(o, "spec", "podManagementPolicy")).isEqualTo("OrderedReady");
        assertThat(Json.at(o, "spec", "updateStrategy").toString())
                .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}");
        assertThat(Json.integer(o, -1, "spec", "revisionHistoryLimit")).isEqualTo(10);
        assertThat(Json.at(o, "spec", "persistentVolumeClaimRetentionPolicy").toString())
                .isEqualTo("{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}");
        assertThat(Json.at(o, "spec").has("minReadySeconds")).isFalse();
        ObjectNode pod = (ObjectNode) Json.at(o, "spec", "template", "spec");
        assertThat(Json.str(pod, "restartPolicy")).isEqualTo("Always");
        assertThat(Json.str(pod, "dnsPolicy")).isEqualTo("ClusterFirst");
        assertThat(Json.str(pod, "schedulerName")).isEqualTo("default-scheduler");
        assertThat(Json.integer(pod, -1, "terminationGracePeriodSeconds")).isEqualTo(10);
        assertThat(pod.get("securityContext").toString()).isEqualTo("{}");
        assertThat(pod.has("enableServiceLinks")).isFalse();
        var c = pod.get("containers").get(0);
        assertThat(Json.str(c, "terminationMessagePath")).isEqualTo("/dev/termination-log");
        assertThat(Json.str(c, "terminationMessagePolicy")).isEqualTo("File");
        assertThat(Json.str(c, "imagePullPolicy")).isEqualTo("IfNotPresent");
        assertThat(Json.str(c.get("ports").get(0), "protocol")).isEqualTo("TCP");
        var claim = Json.list(o, "spec", "volumeClaimTemplates").get(0);
        assertThat(Json.str(claim, "spec", "volumeMode")).isEqualTo("Filesystem");
        assertThat(Json.str(claim, "status", "phase")).isEqualTo("Pending");
        assertThat(Json.str(claim, "kind")).isEqualTo("PersistentVolumeClaim");
    }

    @Test
    void explicitValuesAreKeptAndOnDeleteGetsNoRollingUpdate() {
        ObjectNode o = sts();
        Json.with(o, "spec", "updateStrategy").put("type", "OnDelete");
        Json.with(o, "spec").put("podManagementPolicy", "Parallel");
        defaulted(o);
        assertThat(Json.at(o, "spec", "updateStrategy").toString()).isEqualTo("{\"type\":\"OnDelete\"}");
        assertThat(Json.str(o, "spec", "podManagementPolicy")).isEqualTo("Parallel");
        assertThat(strategy.validate(o)).isEmpty();
    }

    @Test
    void latestOrUntaggedImagesArePulledAlways() {
        ObjectNode o = sts();
        ((ObjectNode) Json.at(o, "spec", "template", "spec", "containers").get(0)).put("image", "nginx");
        defaulted(o);
        assertThat(Json.str(Json.at(o, "spec", "template", "spec", "containers").get(0), "imagePullPolicy"))
                .isEqualTo("Always");
    }

    @Test
    void theArticleManifestsAreValid() {
        assertThat(errors(sts())).isEmpty();
        assertThat(strategy.nameIsDnsLabel()).isTrue();
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        ObjectNode o = sts();
        Json.with(o, "spec", "template", "metadata", "labels").put("app", "x");
        List<FieldError> errs = strategy.validate(defaulted(o));
        assertThat(errs).extracting(FieldError::text).containsExactly(
                "spec.template.metadata.labels: Invalid value: {\"app\":\"x\"}: `selector` does not match template `labels`");
        assertThat(errs.get(0).field()).isEqualTo("spec.template.metadata.labels");
        assertThat(errs.get(0).reason()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void selectorRequiredAndNotEmpty() {
        ObjectNode o = sts();
        Json.with(o, "spec").remove("selector");
        assertThat(errors(o)).containsExactly("spec.selector: Required value");
        o = sts();
        Json.with(o, "spec").putObject("selector");
        assertThat(errors(o)).containsExactly("spec.selector: Invalid value: {}: empty selector is invalid for statefulset");
    }

    @Test
    void selectorExpressionsAreValidated() {
        ObjectNode o = sts();
        Json.with(o, "spec", "selector").putArray("matchExpressions").addObject().put("key", "app").put("operator", "In");
        assertThat(errors(o)).containsExactly(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
    }

    @Test
    void policiesAndStrategies() {
        ObjectNode o = sts();
        Json.with(o, "spec").put("podManagementPolicy", "Sometimes");
        assertThat(errors(o)).containsExactly(
                "spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'");
        o = sts();
        Json.with(o, "spec", "updateStrategy").put("type", "Rolling");
        assertThat(errors(o)).containsExactly(
                "spec.updateStrategy: Invalid value: {\"type\":\"Rolling\"}: must be 'RollingUpdate' or 'OnDelete'");
        o = sts();
        Json.with(o, "spec", "updateStrategy").put("type", "OnDelete");
        Json.with(o, "spec", "updateStrategy", "rollingUpdate").put("partition", 1);
        assertThat(errors(o)).containsExactly(
                "spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'");
        o = sts();
        Json.with(o, "spec", "persistentVolumeClaimRetentionPolicy").put("whenScaled", "Keep");
        assertThat(errors(o)).containsExactly(
                "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"");
    }

    @Test
    void countsMustBeNonNegative() {
        ObjectNode o = sts();
        Json.with(o, "spec").put("replicas", -1).put("minReadySeconds", -2);
        Json.with(o, "spec", "ordinals").put("start", -3);
        Json.with(o, "spec", "updateStrategy", "rollingUpdate").put("partition", -4);
        Json.with(o, "spec", "updateStrategy").put("type", "RollingUpdate");
        assertThat(errors(o)).containsExactly(
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -4: must be greater than or equal to 0",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
                "spec.ordinals.start: Invalid value: -3: must be greater than or equal to 0");
    }

    @Test
    void templateRules() {
        ObjectNode o = sts();
        Json.with(o, "spec", "template", "spec").put("restartPolicy", "Never").put("activeDeadlineSeconds", 5);
        assertThat(errors(o)).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported");
        o = sts();
        Json.with(o, "spec", "template", "spec").putArray("containers");
        assertThat(errors(o)).containsExactly("spec.template.spec.containers: Required value");
        o = sts();
        ObjectNode c = (ObjectNode) Json.at(o, "spec", "template", "spec", "containers").get(0);
        c.put("name", "Nginx_1");
        c.remove("image");
        assertThat(errors(o)).containsExactly(
                "spec.template.spec.containers[0].name: Invalid value: \"Nginx_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void volumeMountsMayReferToClaimTemplatesButNotToUnknownVolumes() {
        ObjectNode o = sts();
        ((ObjectNode) Json.at(o, "spec", "template", "spec", "containers").get(0).get("volumeMounts").get(0))
                .put("name", "data");
        List<FieldError> errs = strategy.validate(defaulted(o));
        assertThat(errs).extracting(FieldError::text).containsExactly(
                "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
        assertThat(errs.get(0).reason()).isEqualTo("FieldValueNotFound");
    }

    @Test
    void claimTemplateRules() {
        ObjectNode o = sts();
        ObjectNode spec = (ObjectNode) Json.list(o, "spec", "volumeClaimTemplates").get(0).get("spec");
        spec.putArray("accessModes");
        spec.putObject("resources");
        assertThat(errors(o)).containsExactly(
                "spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required",
                "spec.volumeClaimTemplates[0].spec.resources[storage]: Required value");
        o = sts();
        spec = (ObjectNode) Json.list(o, "spec", "volumeClaimTemplates").get(0).get("spec");
        spec.putArray("accessModes").add("ReadWriteSometimes");
        assertThat(errors(o)).containsExactly(
                "spec.volumeClaimTemplates[0].spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"");
    }

    @Test
    void badQuantityIsTheDecodingError() {
        ObjectNode o = sts();
        Json.with((ObjectNode) Json.list(o, "spec", "volumeClaimTemplates").get(0), "spec", "resources", "requests")
                .put("storage", "1Gx");
        assertThatThrownBy(() -> strategy.validate(defaulted(o)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("StatefulSet in version \"v1\" cannot be handled as a "
                            + "StatefulSet: quantities must match the regular expression "
                            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
                });
    }

    @Test
    void updatesMayChangeOnlyTheAllowedFields() {
        ObjectNode old = defaulted(sts());
        ObjectNode changed = defaulted(sts());
        Json.with(changed, "spec").put("replicas", 5).put("minReadySeconds", 3);
        ((ObjectNode) Json.at(changed, "spec", "template", "spec", "containers").get(0)).put("image", "nginx:2");
        Json.with(changed, "spec", "updateStrategy", "rollingUpdate").put("partition", 2);
        Json.with(changed, "spec", "ordinals").put("start", 1);
        Json.with(changed, "spec", "persistentVolumeClaimRetentionPolicy").put("whenScaled", "Delete");
        assertThat(strategy.validateUpdate(changed, old)).isEmpty();

        for (String field : List.of("serviceName", "podManagementPolicy", "revisionHistoryLimit")) {
            ObjectNode bad = defaulted(sts());
            if (field.equals("revisionHistoryLimit")) {
                Json.with(bad, "spec").put(field, 3);
            } else {
                Json.with(bad, "spec").put(field, field.equals("serviceName") ? "other" : "Parallel");
            }
            List<FieldError> errs = strategy.validateUpdate(bad, old);
            assertThat(errs).as(field).extracting(FieldError::text).containsExactly("spec: Forbidden: updates to "
                    + "statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                    + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
            assertThat(errs.get(0).reason()).isEqualTo("FieldValueForbidden");
        }
        ObjectNode claims = defaulted(sts());
        Json.with((ObjectNode) Json.list(claims, "spec", "volumeClaimTemplates").get(0), "spec", "resources",
                "requests").put("storage", "2Gi");
        assertThat(strategy.validateUpdate(claims, old)).extracting(FieldError::field).containsExactly("spec");
    }

    @Test
    void statusRules() {
        ObjectNode old = defaulted(sts());
        Json.with(old, "status").put("replicas", 3).put("collisionCount", 2);
        ObjectNode o = defaulted(sts());
        Json.with(o, "status").put("replicas", 2).put("readyReplicas", 3).put("availableReplicas", 1)
                .put("currentReplicas", -1).put("collisionCount", 1);
        assertThat(strategy.validateStatus(o, old)).extracting(FieldError::text).containsExactly(
                "status.currentReplicas: Invalid value: -1: must be greater than or equal to 0",
                "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
                "status.collisionCount: Invalid value: 1: cannot be decremented");
        ObjectNode ok = defaulted(sts());
        Json.with(ok, "status").put("replicas", 3).put("readyReplicas", 2).put("availableReplicas", 2)
                .put("collisionCount", 2);
        assertThat(strategy.validateStatus(ok, old)).isEmpty();
        Json.with(ok, "status").put("availableReplicas", 3);
        assertThat(strategy.validateStatus(ok, old)).extracting(FieldError::text).containsExactly(
                "status.availableReplicas: Invalid value: 3: cannot be greater than status.readyReplicas");
    }
}
