package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PodStrategyTest {
    private final PodStrategy strategy = new PodStrategy();

    private ObjectNode pod() {
        ObjectNode o = Json.parse("""
                {"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"nginx:1",
                 "resources":{"limits":{"cpu":"1","memory":"1Gi"}},"ports":[{"containerPort":80}],
                 "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
                 "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"c1"}},{"name":"scratch"}]}}
                """);
        strategy.defaults(o);
        return o;
    }

    private List<String> errors(ObjectNode o) {
        return strategy.validate(o).stream().map(FieldError::text).toList();
    }

    @Test
    void defaultsAndInitialStatus() {
        ObjectNode o = pod();
        strategy.initialStatus(o);
        assertThat(Json.str(o, "status", "phase")).isEqualTo("Pending");
        assertThat(Json.str(o, "status", "qosClass")).isEqualTo("Guaranteed");
        assertThat(Json.bool(o, "spec", "enableServiceLinks")).isTrue();
        assertThat(Json.integer(o, -1, "spec", "priority")).isZero();
        assertThat(Json.str(o, "spec", "preemptionPolicy")).isEqualTo("PreemptLowerPriority");
        assertThat(Json.str(o, "spec", "serviceAccountName")).isEqualTo("default");
        assertThat(Json.integer(o, -1, "spec", "terminationGracePeriodSeconds")).isEqualTo(30);
        var c = Json.at(o, "spec", "containers").get(0);
        assertThat(Json.str(c, "resources", "requests", "memory")).isEqualTo("1Gi");
        assertThat(Json.str(c.get("ports").get(0), "protocol")).isEqualTo("TCP");
        assertThat(Json.at(o, "spec", "volumes").get(1).has("emptyDir")).isTrue();
        assertThat(errors(o)).isEmpty();
    }

    @Test
    void qosClasses() {
        assertThat(PodStrategy.qosClass(Json.parse("{\"containers\":[{\"name\":\"a\"}]}"))).isEqualTo("BestEffort");
        assertThat(PodStrategy.qosClass(Json.parse(
                "{\"containers\":[{\"resources\":{\"requests\":{\"cpu\":\"1\"}}}]}"))).isEqualTo("Burstable");
    }

    @Test
    void specRules() {
        ObjectNode o = pod();
        Json.with(o, "spec").put("restartPolicy", "Sometimes").put("dnsPolicy", "Nope");
        assertThat(errors(o)).containsExactly(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.dnsPolicy: Unsupported value: \"Nope\": supported values: \"ClusterFirst\", \"ClusterFirstWithHostNet\", \"Default\", \"None\"");
        o = pod();
        ObjectNode c = (ObjectNode) Json.at(o, "spec", "containers").get(0);
        c.put("imagePullPolicy", "Sometimes");
        ((ObjectNode) c.get("ports").get(0)).put("containerPort", 70000).put("protocol", "HTTP");
        c.putArray("env").addObject().put("value", "x");
        assertThat(errors(o)).containsExactly(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].env[0].name: Required value",
                "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
    }

    @Test
    void duplicateNamesAndRequests() {
        ObjectNode o = pod();
        var containers = (tools.jackson.databind.node.ArrayNode) Json.at(o, "spec", "containers");
        containers.add(containers.get(0).deepCopy());
        ((ObjectNode) containers.get(1)).remove("volumeMounts");
        Json.with((ObjectNode) containers.get(1), "resources", "requests").put("cpu", "2");
        ((ObjectNode) Json.at(o, "spec", "volumes").get(1)).put("name", "data");
        assertThat(errors(o)).containsExactly(
                "spec.volumes[1].name: Duplicate value: \"data\"",
                "spec.containers[1].name: Duplicate value: \"c\"",
                "spec.containers[1].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
    }

    @Test
    void updatesMayChangeImagesButNotPorts() {
        ObjectNode old = pod();
        ObjectNode image = pod();
        ((ObjectNode) Json.at(image, "spec", "containers").get(0)).put("image", "nginx:2");
        Json.with(image, "spec").put("nodeName", "node-1").put("activeDeadlineSeconds", 100);
        Json.setLabel(image, "new", "label");
        assertThat(strategy.validateUpdate(image, old)).isEmpty();

        ObjectNode port = pod();
        ((ObjectNode) Json.at(port, "spec", "containers").get(0).get("ports").get(0)).put("containerPort", 81);
        List<FieldError> errs = strategy.validateUpdate(port, old);
        assertThat(errs).extracting(FieldError::text).containsExactly("spec: Forbidden: pod updates may not change "
                + "fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
                + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
        assertThat(errs.get(0).field()).isEqualTo("spec");

        ObjectNode bound = pod();
        Json.with(bound, "spec").put("nodeName", "node-1");
        ObjectNode moved = pod();
        Json.with(moved, "spec").put("nodeName", "node-2");
        assertThat(strategy.validateUpdate(moved, bound)).extracting(FieldError::field).containsExactly("spec");
    }

    @Test
    void tolerationsMayOnlyBeAdded() {
        ObjectNode old = pod();
        Json.with(old, "spec").putArray("tolerations").addObject().put("key", "a").put("operator", "Exists");
        ObjectNode added = pod();
        var t = Json.with(added, "spec").putArray("tolerations");
        t.addObject().put("key", "a").put("operator", "Exists");
        t.addObject().put("key", "b").put("operator", "Exists");
        assertThat(strategy.validateUpdate(added, old)).isEmpty();
        ObjectNode removed = pod();
        assertThat(strategy.validateUpdate(removed, old)).extracting(FieldError::text).containsExactly(
                "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void statusPhaseMustBeKnown() {
        ObjectNode o = pod();
        Json.with(o, "status").put("phase", "Dancing");
        assertThat(strategy.validateStatus(o, pod())).extracting(FieldError::text).containsExactly(
                "status.phase: Unsupported value: \"Dancing\": supported values: \"Pending\", \"Running\", \"Succeeded\", \"Failed\", \"Unknown\"");
    }
}
