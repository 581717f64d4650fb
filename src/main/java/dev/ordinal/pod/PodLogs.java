package dev.ordinal.pod;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pods/log} subresource of a simulated container: there is no process, so the log is what the simulated
 * kubelet did to the container, one timestamped line per step, answered the way the kubelet answers
 * ({@code kubectl logs}, {@code --timestamps}, {@code --tail}). A container that never started is a 400, as in
 * Kubernetes.
 */
public final class PodLogs {
    private PodLogs() {
    }

    /** The log text of {@code container} (or the only container) of the pod. */
    public static String logs(JsonNode pod, String container, boolean timestamps, Integer tailLines) {
        List<String> names = Json.list(pod, "spec", "containers").stream().map(c -> Json.str(c, "name")).toList();
        String name = container;
        if (name == null || name.isEmpty()) {
            if (names.size() != 1) {
                throw ApiException.badRequest("a container name must be specified for pod " + Json.name(pod)
                        + ", choose one of: [" + String.join(" ", names) + "]");
            }
            name = names.get(0);
        } else if (!names.contains(name)) {
            throw ApiException.badRequest("container " + name + " is not valid for pod " + Json.name(pod));
        }
        JsonNode status = null;
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            if (name.equals(Json.str(cs, "name"))) {
                status = cs;
            }
        }
        String started = status == null ? null : Json.str(status, "state", "running", "startedAt");
        if (started == null && status != null) {
            started = Json.str(status, "state", "terminated", "startedAt");
        }
        if (started == null) {
            String reason = status == null ? "PodInitializing" : Json.strOr(status, "PodInitializing", "state", "waiting", "reason");
            throw ApiException.badRequest("container \"" + name + "\" in pod \"" + Json.name(pod)
                    + "\" is waiting to start: " + reason);
        }
        String image = Json.strOr(status, "", "image");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {started, "ordinal: simulated container " + name + " (image " + image + ") started on node "
                + Json.strOr(pod, "?", "spec", "nodeName") + " with pod IP " + Json.strOr(pod, "?", "status", "podIP")});
        for (JsonNode v : Json.list(pod, "spec", "volumes")) {
            String claim = Json.str(v, "persistentVolumeClaim", "claimName");
            if (claim != null) {
                lines.add(new String[] {started, "ordinal: volume " + Json.str(v, "name") + " mounted from claim " + claim});
            }
        }
        String ready = Pods.conditionTrue(pod, "Ready") ? Pods.conditionTransition(pod, "Ready") : null;
        if (ready != null) {
            lines.add(new String[] {ready, "ordinal: container " + name + " is ready"});
        }
        String finished = Json.str(status, "state", "terminated", "finishedAt");
        if (finished != null) {
            lines.add(new String[] {finished, "ordinal: container " + name + " exited with code "
                    + Json.at(status, "state", "terminated", "exitCode").asInt() + " ("
                    + Json.strOr(status, "Error", "state", "terminated", "reason") + ")"});
        }
        if (tailLines != null && tailLines >= 0 && tailLines < lines.size()) {
            lines = lines.subList(lines.size() - tailLines, lines.size());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            if (timestamps) {
                sb.append(l[0]).append(' ');
            }
            sb.append(l[1]).append('\n');
        }
        return sb.toString();
    }
}
