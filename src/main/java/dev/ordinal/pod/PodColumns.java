package dev.ordinal.pod;

import static dev.ordinal.api.table.Columns.NONE;
import static dev.ordinal.api.table.Columns.age;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.orNone;
import static dev.ordinal.api.table.Columns.wide;

import java.time.Instant;
import java.util.List;

import dev.ordinal.api.table.Ages;
import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The Table columns of Pod, as Kubernetes' printers (pkg/printers/internalversion) print them; the kind's
 * definition carries them.
 */
final class PodColumns {
    private PodColumns() {
    }

    static List<Column> pod() {
        return List.of(name(),
                col("Ready", "The aggregate readiness state of this pod for accepting traffic.",
                        (o, now) -> podSummary(o, now).ready()),
                col("Status", "The aggregate status of the containers in this pod.",
                        (o, now) -> podSummary(o, now).status()),
                col("Restarts", "The number of times the containers in this pod have been restarted and when the last "
                        + "container in this pod has restarted.", (o, now) -> podSummary(o, now).restarts()),
                age(),
                wide("IP", "podIP address allocated to the pod. Routable at least within the cluster.",
                        (o, now) -> orNone(podIp(o))),
                wide("Node", "NodeName indicates in which node this pod is scheduled.",
                        (o, now) -> orNone(Json.str(o, "spec", "nodeName"))),
                wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.",
                        (o, now) -> orNone(Json.str(o, "status", "nominatedNodeName"))),
                wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.",
                        (o, now) -> readinessGates(o)));
    }

    /** READY, STATUS and RESTARTS of a pod, computed together as kubectl's pod printer does. */
    record PodSummary(String ready, String status, String restarts) {
    }

    /**
     * Summarizes a pod the way {@code kubectl get pods} shows it. STATUS starts from the phase (or status.reason),
     * becomes {@code Init:N/M}, {@code Init:<reason>} or {@code Init:ExitCode:N} while init containers have not all
     * succeeded, then the reason of the last container that is waiting ({@code ContainerCreating},
     * {@code CrashLoopBackOff}) or terminated ({@code Completed}, {@code Error}, or {@code ExitCode:N} without a
     * reason), and {@code Terminating} once a deletion timestamp is set on a pod that has not finished. READY counts
     * ready, running containers; RESTARTS sums restart counts and adds "(age ago)" of the latest restart.
     */
    static PodSummary podSummary(JsonNode pod, Instant now) {
        String phase = Json.strOr(pod, "", "status", "phase");
        String reason = phase;
        String statusReason = Json.str(pod, "status", "reason");
        if (statusReason != null && !statusReason.isEmpty()) {
            reason = statusReason;
        }
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if ("PodScheduled".equals(Json.str(c, "type")) && "SchedulingGated".equals(Json.str(c, "reason"))) {
                reason = "SchedulingGated";
            }
        }
        List<JsonNode> initSpecs = Json.list(pod, "spec", "initContainers");
        int total = Json.list(pod, "spec", "containers").size();
        for (JsonNode ic : initSpecs) {
            if (restartable(ic)) {
                total++;
            }
        }
        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<JsonNode> initStatuses = Json.list(pod, "status", "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode cs = initStatuses.get(i);
            int count = Json.integer(cs, 0, "restartCount");
            restarts += count;
            Instant finished = Json.parseTime(Json.str(cs, "lastState", "terminated", "finishedAt"));
            lastRestart = later(lastRestart, finished);
            boolean sidecar = initSpecs.stream().anyMatch(s -> Json.strOr(s, "", "name").equals(Json.str(cs, "name"))
                    && restartable(s));
            if (sidecar) {
                sidecarRestarts += count;
                lastSidecarRestart = later(lastSidecarRestart, finished);
            }
            JsonNode terminated = Json.at(cs, "state", "terminated");
            JsonNode waiting = Json.at(cs, "state", "waiting");
            if (terminated.isObject() && Json.integer(terminated, 0, "exitCode") == 0) {
                continue;
            }
            if (sidecar && Json.bool(cs, "started")) {
                if (Json.bool(cs, "ready")) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                String r = Json.strOr(terminated, "", "reason");
                if (r.isEmpty()) {
                    int signal = Json.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + Json.integer(terminated, 0, "exitCode");
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !Json.strOr(waiting, "", "reason").isEmpty()
                    && !"PodInitializing".equals(Json.str(waiting, "reason"))) {
                reason = "Init:" + Json.str(waiting, "reason");
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(pod, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<JsonNode> statuses = Json.list(pod, "status", "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode cs = statuses.get(i);
                restarts += Json.integer(cs, 0, "restartCount");
                lastRestart = later(lastRestart, Json.parseTime(Json.str(cs, "lastState", "terminated", "finishedAt")));
                JsonNode waiting = Json.at(cs, "state", "waiting");
                JsonNode terminated = Json.at(cs, "state", "terminated");
                if (waiting.isObject() && !Json.strOr(waiting, "", "reason").isEmpty()) {
                    reason = Json.str(waiting, "reason");
                } else if (terminated.isObject() && !Json.strOr(terminated, "", "reason").isEmpty()) {
                    reason = Json.str(terminated, "reason");
                } else if (terminated.isObject()) {
                    int signal = Json.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + Json.integer(terminated, 0, "exitCode");
                } else if (Json.bool(cs, "ready") && Json.at(cs, "state", "running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
            }
        }
        if (Json.isTerminating(pod)) {
            if ("NodeLost".equals(statusReason)) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }
        String restartText = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + Ages.human(java.time.Duration.between(lastRestart, now)) + " ago)";
        }
        return new PodSummary(ready + "/" + total, reason, restartText);
    }

    private static boolean restartable(JsonNode initContainer) {
        return "Always".equals(Json.str(initContainer, "restartPolicy"));
    }

    private static boolean conditionTrue(JsonNode pod, String type) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if (type.equals(Json.str(c, "type"))) {
                return "True".equals(Json.str(c, "status"));
            }
        }
        return false;
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }

    private static String podIp(JsonNode pod) {
        List<JsonNode> ips = Json.list(pod, "status", "podIPs");
        if (!ips.isEmpty() && Json.str(ips.get(0), "ip") != null) {
            return Json.str(ips.get(0), "ip");
        }
        return Json.str(pod, "status", "podIP");
    }

    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = Json.list(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return NONE;
        }
        int trueCount = 0;
        for (JsonNode g : gates) {
            if (conditionTrue(pod, Json.strOr(g, "", "conditionType"))) {
                trueCount++;
            }
        }
        return trueCount + "/" + gates.size();
    }
}
