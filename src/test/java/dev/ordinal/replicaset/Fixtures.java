package dev.ordinal.replicaset;

import java.time.Instant;

import dev.ordinal.core.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builders of sets and pods for planner tests, written as the store would hold them. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private Fixtures() {
    }

    /** A ReplicaSet nginx (uid rs-uid) selecting app=nginx, template labels app=nginx, tier=web. */
    static ObjectNode replicaSet(int replicas) {
        ObjectNode rs = Json.parse("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet",
                 "metadata":{"name":"nginx","namespace":"ns1","uid":"rs-uid","generation":4},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"nginx"}},
                   "template":{"metadata":{"name":"ignored","labels":{"app":"nginx","tier":"web"},
                                           "annotations":{"note":"x"}},
                               "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}}}
                """.formatted(replicas));
        return rs;
    }

    /** A ReplicationController nginx (uid rc-uid) with map selector app=nginx. */
    static ObjectNode replicationController(int replicas) {
        return Json.parse("""
                {"apiVersion":"v1","kind":"ReplicationController",
                 "metadata":{"name":"nginx","namespace":"ns1","uid":"rc-uid","generation":1},
                 "spec":{"replicas":%d,"selector":{"app":"nginx"},
                   "template":{"metadata":{"labels":{"app":"nginx"}},
                               "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}}}
                """.formatted(replicas));
    }

    static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** A pod, by default: labels app=nginx and tier=web, unowned, unscheduled, Pending, created an hour ago. */
    static final class PodBuilder {
        private final ObjectNode pod = Json.object();

        PodBuilder(String name) {
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            ObjectNode meta = pod.putObject("metadata");
            meta.put("name", name);
            meta.put("namespace", "ns1");
            meta.put("uid", "uid-" + name);
            meta.put("creationTimestamp", Json.time(NOW.minusSeconds(3600)));
            meta.putObject("labels").put("app", "nginx").put("tier", "web");
            pod.putObject("spec");
            pod.putObject("status").put("phase", "Pending");
        }

        PodBuilder uid(String uid) {
            Json.meta(pod).put("uid", uid);
            return this;
        }

        PodBuilder ownedBy(ObjectNode set) {
            ObjectNode ref = Json.meta(pod).withArray("ownerReferences").addObject();
            ref.put("apiVersion", Json.str(set, "apiVersion"));
            ref.put("kind", Json.kind(set));
            ref.put("name", Json.name(set));
            ref.put("uid", Json.uid(set));
            ref.put("controller", true);
            ref.put("blockOwnerDeletion", true);
            return this;
        }

        PodBuilder controlledBy(String kind, String name, String uid) {
            ObjectNode ref = Json.meta(pod).withArray("ownerReferences").addObject();
            ref.put("apiVersion", "apps/v1");
            ref.put("kind", kind);
            ref.put("name", name);
            ref.put("uid", uid);
            ref.put("controller", true);
            return this;
        }

        PodBuilder labels(String... keyValues) {
            ObjectNode labels = Json.meta(pod).putObject("labels");
            for (int i = 0; i < keyValues.length; i += 2) {
                labels.put(keyValues[i], keyValues[i + 1]);
            }
            return this;
        }

        PodBuilder node(String node) {
            Json.with(pod, "spec").put("nodeName", node);
            return this;
        }

        PodBuilder phase(String phase) {
            Json.with(pod, "status").put("phase", phase);
            return this;
        }

        /** Running on {@code node} and Ready since {@code secondsAgo}. */
        PodBuilder runningReady(String node, long secondsAgo) {
            node(node);
            phase("Running");
            return ready(secondsAgo);
        }

        PodBuilder ready(long secondsAgo) {
            ArrayNode conditions = Json.with(pod, "status").putArray("conditions");
            conditions.addObject().put("type", "Ready").put("status", "True")
                    .put("lastTransitionTime", Json.time(NOW.minusSeconds(secondsAgo)));
            return this;
        }

        PodBuilder notReady() {
            ArrayNode conditions = Json.with(pod, "status").putArray("conditions");
            conditions.addObject().put("type", "Ready").put("status", "False")
                    .put("lastTransitionTime", Json.time(NOW.minusSeconds(10)));
            return this;
        }

        PodBuilder deletionCost(int cost) {
            Json.setAnnotation(pod, dev.ordinal.controller.Pods.DELETION_COST, Integer.toString(cost));
            return this;
        }

        PodBuilder restarts(int restarts) {
            Json.with(pod, "status").putArray("containerStatuses").addObject()
                    .put("name", "nginx").put("restartCount", restarts);
            return this;
        }

        PodBuilder createdSecondsAgo(long seconds) {
            Json.meta(pod).put("creationTimestamp", Json.time(NOW.minusSeconds(seconds)));
            return this;
        }

        PodBuilder terminating() {
            Json.meta(pod).put("deletionTimestamp", Json.time(NOW.plusSeconds(30)));
            return this;
        }

        ObjectNode build() {
            return Json.copy(pod);
        }
    }
}
