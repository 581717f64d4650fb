package dev.ordinal.pod;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.ordinal.controller.PodStatus;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The pod status the simulated kubelet writes at each step of a pod's life, shaped as a real kubelet writes it. */
final class PodLifecycle {
    private PodLifecycle() {
    }

    /** Scheduled, volumes not ready yet: phase Pending, containers waiting with reason ContainerCreating. */
    static void containerCreating(ObjectNode pod, JsonNode node, Instant now) {
        String t = Json.time(now);
        ObjectNode st = Json.with(pod, "status");
        st.put("phase", "Pending");
        String unready = "containers with unready status: [" + String.join(" ", containerNames(pod)) + "]";
        PodStatus.setCondition(pod, "PodReadyToStartContainers", "False", null, null, t);
        PodStatus.setCondition(pod, "Initialized", "True", null, null, t);
        PodStatus.setCondition(pod, "Ready", "False", "ContainersNotReady", unready, t);
        PodStatus.setCondition(pod, "ContainersReady", "False", "ContainersNotReady", unready, t);
        PodStatus.setCondition(pod, "PodScheduled", "True", null, null, t);
        String hostIp = hostIp(node);
        st.put("hostIP", hostIp);
        st.putArray("hostIPs").addObject().put("ip", hostIp);
        st.put("startTime", t);
        ArrayNode statuses = st.putArray("containerStatuses");
        for (JsonNode c : Json.list(pod, "spec", "containers")) {
            ObjectNode cs = statuses.addObject();
            cs.put("name", Json.str(c, "name"));
            cs.putObject("state").putObject("waiting").put("reason", "ContainerCreating");
            cs.putObject("lastState");
            cs.put("ready", false);
            cs.put("restartCount", 0);
            cs.put("image", Json.str(c, "image"));
            cs.put("imageID", "");
            cs.put("started", false);
        }
        st.put("qosClass", "BestEffort");
    }

    /** Containers started: phase Running with a pod IP; Ready at once when there is no readiness delay. */
    static void running(ObjectNode pod, JsonNode node, Instant now, boolean readyNow) {
        String t = Json.time(now);
        ObjectNode st = Json.with(pod, "status");
        st.put("phase", "Running");
        String ip = podIp(pod, node);
        st.put("podIP", ip);
        st.putArray("podIPs").addObject().put("ip", ip);
        PodStatus.setCondition(pod, "PodReadyToStartContainers", "True", null, null, t);
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            ObjectNode o = (ObjectNode) cs;
            o.putObject("state").putObject("running").put("startedAt", t);
            o.put("started", true);
            o.put("containerID", "containerd://" + hex(Json.uid(pod) + Json.str(cs, "name"), 64));
            o.put("imageID", imageId(Json.str(cs, "image")));
        }
        if (readyNow) {
            ready(pod, now);
        }
    }

    /** Readiness reached: Ready and ContainersReady True, every container ready. */
    static void ready(ObjectNode pod, Instant now) {
        String t = Json.time(now);
        PodStatus.setCondition(pod, "Ready", "True", null, null, t);
        PodStatus.setCondition(pod, "ContainersReady", "True", null, null, t);
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            ((ObjectNode) cs).put("ready", true);
        }
    }

    /** Terminating: the containers are being stopped and are no longer ready. */
    static void stopping(ObjectNode pod, Instant now) {
        String t = Json.time(now);
        String unready = "containers with unready status: [" + String.join(" ", containerNames(pod)) + "]";
        PodStatus.setCondition(pod, "Ready", "False", "ContainersNotReady", unready, t);
        PodStatus.setCondition(pod, "ContainersReady", "False", "ContainersNotReady", unready, t);
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            ((ObjectNode) cs).put("ready", false);
        }
    }

    /** The readiness probe fails on a running pod: Ready and ContainersReady False, no container ready. */
    static void notReady(ObjectNode pod, Instant now) {
        stopping(pod, now);
    }

    /** The containers exited with an error and will not be restarted: phase Failed. */
    static void failed(ObjectNode pod, Instant now) {
        terminated(pod, now, "Failed", 1, "Error");
    }

    /**
     * The containers of a deleted pod were stopped (the kubelet does so whatever the pod's finalizers): within a
     * grace period they exit 0 and the pod is Succeeded; killed without one (grace period 0) they exit 137 and it is
     * Failed, as the kubelet's {@code getPhase} derives a terminal phase from the containers' exit codes.
     */
    static void stopped(ObjectNode pod, Instant now, boolean graceful) {
        if (graceful) {
            terminated(pod, now, "Succeeded", 0, "Completed");
        } else {
            terminated(pod, now, "Failed", 137, "Error");
        }
    }

    private static void terminated(ObjectNode pod, Instant now, String phase, int exitCode, String reason) {
        String t = Json.time(now);
        Json.with(pod, "status").put("phase", phase);
        String unready = "containers with unready status: [" + String.join(" ", containerNames(pod)) + "]";
        PodStatus.setCondition(pod, "PodReadyToStartContainers", "False", null, null, t);
        PodStatus.setCondition(pod, "Ready", "False", "Succeeded".equals(phase) ? "PodCompleted" : "PodFailed",
                null, t);
        PodStatus.setCondition(pod, "ContainersReady", "False", "ContainersNotReady", unready, t);
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            ObjectNode o = (ObjectNode) cs;
            String startedAt = Json.strOr(cs, t, "state", "running", "startedAt");
            ObjectNode term = o.putObject("state").putObject("terminated");
            term.put("exitCode", exitCode);
            term.put("reason", reason);
            term.put("startedAt", startedAt);
            term.put("finishedAt", t);
            if (o.has("containerID")) {
                term.put("containerID", o.get("containerID").asString());
            }
            o.put("ready", false);
            o.put("started", false);
        }
    }

    private static List<String> containerNames(JsonNode pod) {
        return Json.list(pod, "spec", "containers").stream().map(c -> Json.str(c, "name")).toList();
    }

    private static String hostIp(JsonNode node) {
        for (JsonNode a : Json.list(node, "status", "addresses")) {
            if ("InternalIP".equals(Json.str(a, "type"))) {
                return Json.str(a, "address");
            }
        }
        String name = Json.strOr(node, "node", "metadata", "name");
        String digits = name.replaceAll("\\D", "");
        return "10.0.0." + (digits.isEmpty() ? 10 : 10 + Integer.parseInt(digits) % 240);
    }

    private static String podIp(JsonNode pod, JsonNode node) {
        String cidr = Json.strOr(node, "10.244.0.0/24", "spec", "podCIDR");
        String[] octets = cidr.split("/")[0].split("\\.");
        int host = 2 + Math.floorMod(Json.uid(pod).hashCode(), 250);
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + host;
    }

    private static String imageId(String image) {
        String repo = image == null ? "unknown" : image.split(":")[0];
        if (!repo.contains("/")) {
            repo = "docker.io/library/" + repo;
        }
        return repo + "@sha256:" + hex(String.valueOf(image), 64);
    }

    private static String hex(String seed, int length) {
        StringBuilder sb = new StringBuilder();
        long h = seed.hashCode();
        while (sb.length() < length) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            sb.append(String.format(Locale.ROOT, "%016x", h));
        }
        return sb.substring(0, length);
    }
}
