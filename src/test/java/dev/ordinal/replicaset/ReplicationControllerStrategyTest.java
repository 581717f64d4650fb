package dev.ordinal.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ReplicationControllerStrategyTest {
    private final ReplicationControllerStrategy rc = new ReplicationControllerStrategy();
    private final ReplicaSetStrategy rs = new ReplicaSetStrategy();

    private static ObjectNode rcObject() throws Exception {
        String yaml = Files.readString(Path.of("/work/shared/examples/seed-rc-shared-claim.yaml"));
        String doc = yaml.split("\n---\n")[1];
        return (ObjectNode) Json.YAML.readTree(doc);
    }

    private static ObjectNode rsObject() {
        return Json.parse("""
                {"metadata":{"name":"r"},"spec":{"selector":{"matchLabels":{"app":"r"}},
                 "template":{"metadata":{"labels":{"app":"r"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}
                """);
    }

    @Test
    void rcDefaultsSelectorLabelsAndReplicasFromTheTemplate() throws Exception {
        ObjectNode o = rcObject();
        Json.with(o, "spec").remove("selector");
        Json.with(o, "spec").remove("replicas");
        rc.defaults(o);
        assertThat(Json.stringMap(o, "spec", "selector")).containsExactly(java.util.Map.entry("app", "nginx"));
        assertThat(Json.labels(o)).containsEntry("app", "nginx");
        assertThat(Json.integer(o, -1, "spec", "replicas")).isEqualTo(1);
        assertThat(rc.validate(o)).isEmpty();
    }

    @Test
    void theArticleRcIsValid() throws Exception {
        ObjectNode o = rcObject();
        rc.defaults(o);
        assertThat(rc.validate(o)).isEmpty();
    }

    @Test
    void rcSelectorMustMatch() throws Exception {
        ObjectNode o = rcObject();
        Json.with(o, "spec", "selector").put("app", "other");
        rc.defaults(o);
        assertThat(rc.validate(o)).extracting(FieldError::text).containsExactly(
                "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`");
        Json.with(o, "spec", "template", "spec").put("restartPolicy", "OnFailure").put("activeDeadlineSeconds", 3);
        Json.with(o, "spec", "selector").put("app", "nginx");
        assertThat(rc.validate(o)).extracting(FieldError::text).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported");
    }

    @Test
    void rsRules() {
        ObjectNode o = rsObject();
        rs.defaults(o);
        assertThat(Json.integer(o, -1, "spec", "replicas")).isEqualTo(1);
        assertThat(rs.validate(o)).isEmpty();
        ObjectNode noSel = rsObject();
        Json.with(noSel, "spec").remove("selector");
        rs.defaults(noSel);
        assertThat(rs.validate(noSel)).extracting(FieldError::text).containsExactly("spec.selector: Required value");
        ObjectNode mismatch = rsObject();
        Json.with(mismatch, "spec", "template", "metadata", "labels").put("app", "x").put("b", "y");
        rs.defaults(mismatch);
        List<FieldError> errs = rs.validate(mismatch);
        assertThat(errs).extracting(FieldError::text).containsExactly(
                "spec.template.metadata.labels: Invalid value: {\"app\":\"x\",\"b\":\"y\"}: `selector` does not match template `labels`");
        ObjectNode empty = rsObject();
        Json.with(empty, "spec").putObject("selector");
        rs.defaults(empty);
        assertThat(rs.validate(empty)).extracting(FieldError::text).containsExactly(
                "spec.selector: Invalid value: {}: empty selector is invalid for deployment");
        ObjectNode changed = rsObject();
        Json.with(changed, "spec", "selector", "matchLabels").put("tier", "t");
        Json.with(changed, "spec", "template", "metadata", "labels").put("tier", "t");
        rs.defaults(changed);
        assertThat(rs.validateUpdate(changed, o)).extracting(FieldError::text).containsExactly(
                "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"r\",\"tier\":\"t\"}}: field is immutable");
    }

    @Test
    void replicaStatusRules() {
        ObjectNode o = rsObject();
        Json.with(o, "status").put("replicas", 1).put("readyReplicas", 2).put("availableReplicas", 3)
                .put("fullyLabeledReplicas", -1);
        assertThat(rs.validateStatus(o, rsObject())).extracting(FieldError::text).containsExactly(
                "status.fullyLabeledReplicas: Invalid value: -1: must be greater than or equal to 0",
                "status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas",
                "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas",
                "status.availableReplicas: Invalid value: 3: cannot be greater than readyReplicas");
    }
}
