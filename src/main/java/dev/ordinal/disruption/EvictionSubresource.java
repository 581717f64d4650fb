package dev.ordinal.disruption;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.core.SubresourceHandler;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pods/eviction} subresource ({@code POST .../pods/{name}/eviction} with a {@code policy/v1} Eviction), as
 * the API server's {@code EvictionREST} does it: a pod that is pending, finished or already being deleted is deleted
 * at once; a pod no budget selects is deleted; a pod two budgets select is refused (500, Kubernetes' own answer);
 * otherwise the one budget must allow a disruption — it is then decremented and the pod recorded in
 * {@code status.disruptedPods} before the pod is deleted — or the eviction is refused with 429 TooManyRequests and
 * "Cannot evict pod as it would violate the pod's disruption budget.". A pod that is not Ready is deleted without
 * spending the budget while the budget has its desired healthy pods, or always under
 * {@code unhealthyPodEvictionPolicy: AlwaysAllow}.
 */
@Component("podEviction")
public class EvictionSubresource implements SubresourceHandler {
    static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
    private final ResourceStore store;
    private final Clock clock;

    public EvictionSubresource(ResourceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply create(ResourceType type, String namespace, String name, ObjectNode body, Map<String, String> params) {
        ObjectNode status = evict(namespace, name, body);
        return Reply.json(status.path("code").asInt(201), status);
    }

    /** Evicts the pod; returns the Status to answer with (its {@code code} is the HTTP status), or throws. */
    public ObjectNode evict(String namespace, String name, ObjectNode eviction) {
        String bodyName = Json.str(eviction, "metadata", "name");
        if (!name.equals(bodyName)) {
            throw ApiException.badRequest("name in URL does not match name in Eviction object");
        }
        DeleteOptions options = options(eviction.path("deleteOptions"));
        ObjectNode pod = store.get(ResourceTypes.POD, namespace, name);
        if (canIgnoreBudget(pod)) {
            store.delete(ResourceTypes.POD, namespace, name, options);
            return status("Success", 201, null);
        }
        List<ObjectNode> budgets = store.cache().list(ResourceTypes.POD_DISRUPTION_BUDGET, namespace).stream()
                .filter(b -> DisruptionReconciler.selects(b, Json.labels(pod))).toList();
        if (budgets.size() > 1) {
            return status("Failure", 500,
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        if (budgets.isEmpty()) {
            store.delete(ResourceTypes.POD, namespace, name, options);
            return status("Success", 201, null);
        }
        String budget = Json.name(budgets.get(0));
        ObjectNode pdb = store.get(ResourceTypes.POD_DISRUPTION_BUDGET, namespace, budget);
        long desired = Json.at(pdb, "status", "desiredHealthy").asLong(0);
        long healthy = Json.at(pdb, "status", "currentHealthy").asLong(0);
        boolean alwaysAllow = "AlwaysAllow".equals(Json.str(pdb, "spec", "unhealthyPodEvictionPolicy"));
        if (!Pods.conditionTrue(pod, "Ready") && (alwaysAllow || (healthy >= desired && desired > 0))) {
            // Not counted as healthy, so not spent from the budget; deleted only as the pod was read.
            DeleteOptions guarded = new DeleteOptions(options.propagationPolicy(), options.gracePeriodSeconds(),
                    options.preconditionUid(), Json.str(pod, "metadata", "resourceVersion"));
            try {
                store.delete(ResourceTypes.POD, namespace, name, guarded);
            } catch (ApiException e) {
                if (e.code() == 409 && options.preconditionResourceVersion() == null) {
                    throw stillProcessing(budget);
                }
                throw e;
            }
            return status("Success", 201, null);
        }
        checkAndDecrement(namespace, name, budget);
        store.delete(ResourceTypes.POD, namespace, name, options);
        return status("Success", 201, null);
    }

    /** Spends one disruption of the budget for the pod, retrying on conflicts with other evictions. */
    private void checkAndDecrement(String namespace, String podName, String budget) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode pdb = store.get(ResourceTypes.POD_DISRUPTION_BUDGET, namespace, budget);
            long generation = Json.at(pdb, "metadata", "generation").asLong(1);
            if (Json.at(pdb, "status", "observedGeneration").asLong(0) < generation) {
                throw stillProcessing(budget);
            }
            long allowed = Json.at(pdb, "status", "disruptionsAllowed").asLong(0);
            if (allowed < 0) {
                throw ApiException.forbidden(ResourceTypes.POD_DISRUPTION_BUDGET, budget,
                        "pdb disruptions allowed is negative");
            }
            if (allowed == 0) {
                throw new ApiException(429, "TooManyRequests", VIOLATION, null, null, null,
                        List.of(new FieldError("DisruptionBudget", null, "The disruption budget " + budget + " needs "
                                + Json.at(pdb, "status", "desiredHealthy").asLong(0) + " healthy pods and has "
                                + Json.at(pdb, "status", "currentHealthy").asLong(0) + " currently")));
            }
            Instant now = clock.instant();
            ObjectNode status = Json.with(pdb, "status");
            status.put("disruptionsAllowed", allowed - 1);
            if (allowed - 1 == 0) {
                DisruptionReconciler.setCondition(pdb, "False", "InsufficientPods", "", generation, now);
            }
            Json.with(status, "disruptedPods").put(podName, Json.time(now));
            try {
                store.update(ResourceTypes.POD_DISRUPTION_BUDGET, namespace, budget, pdb, true);
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= 20) {
                    throw e;
                }
                store.awaitLatest();
            }
        }
    }

    /** {@code canIgnorePDB}: a pod that is finished, still pending or already being deleted. */
    static boolean canIgnoreBudget(JsonNode pod) {
        String phase = Pods.phase(pod);
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending")
                || Json.isTerminating(pod);
    }

    private static ApiException stillProcessing(String budget) {
        return new ApiException(429, "TooManyRequests", VIOLATION, null, null, null,
                List.of(new FieldError("DisruptionBudget", null,
                        "The disruption budget " + budget + " is still being processed by the server.")));
    }

    private static DeleteOptions options(JsonNode opts) {
        if (!opts.isObject()) {
            return DeleteOptions.DEFAULT;
        }
        JsonNode grace = opts.path("gracePeriodSeconds");
        return new DeleteOptions(Json.str(opts, "propagationPolicy"), grace.isIntegralNumber() ? grace.asLong() : null,
                Json.str(opts, "preconditions", "uid"), Json.str(opts, "preconditions", "resourceVersion"));
    }

    private static ObjectNode status(String outcome, int code, String message) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", outcome);
        if (message != null) {
            s.put("message", message);
        }
        s.put("code", code);
        return s;
    }
}
