package dev.ordinal.storage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ordinal.api.ScaleSubresource;
import dev.ordinal.api.validation.Quantity;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which volume a claim may bind to, as Kubernetes' {@code findBestMatchForClaim} decides: a volume pre-bound to the
 * claim wins; otherwise an Available, unclaimed, not-deleted volume of the same class and volume mode, offering every
 * requested access mode, matching the claim's selector, at least as large as requested — the smallest such, among
 * the volumes offering the fewest access modes first (Kubernetes searches its access-mode index from the smallest mode
 * set upward, so a 10Gi ReadWriteOnce volume wins over a 5Gi ReadWriteOnce+ReadWriteMany one for a RWO claim).
 */
public final class VolumeMatcher {
    private VolumeMatcher() {
    }

    /**
     * The best volume for the claim. With {@code delayBinding} (WaitForFirstConsumer and no node chosen yet) only a
     * volume pre-bound to the claim qualifies.
     */
    public static Optional<ObjectNode> bestMatch(List<ObjectNode> volumes, JsonNode claim, boolean delayBinding) {
        String request = Json.str(claim, "spec", "resources", "requests", "storage");
        for (ObjectNode pv : volumes) {
            JsonNode ref = Json.at(pv, "spec", "claimRef");
            if (ref.isObject() && refersTo(ref, claim) && !Json.isTerminating(pv)
                    && Quantity.compare(Json.str(pv, "spec", "capacity", "storage"), request) >= 0
                    && volumeMode(pv).equals(volumeMode(claim)) && offersAccessModes(pv, claim)) {
                return Optional.of(pv);
            }
        }
        if (delayBinding) {
            return Optional.empty();
        }
        return volumes.stream()
                .filter(pv -> mismatch(pv, claim) == null)
                .filter(pv -> "Available".equals(Json.str(pv, "status", "phase")))
                .filter(pv -> !Json.at(pv, "spec", "claimRef").isObject())
                .min(Comparator.comparingInt((ObjectNode pv) -> Set.copyOf(Json.strings(pv, "spec", "accessModes")).size())
                        .thenComparing(pv -> Json.str(pv, "spec", "capacity", "storage"), Quantity::compare)
                        .thenComparing(Json::name));
    }

    /** Why the volume cannot satisfy the claim, in the PV controller's words, or null when it can. */
    public static String mismatch(JsonNode pv, JsonNode claim) {
        if (Json.isTerminating(pv)) {
            return "the volume is marked for deletion";
        }
        if (Quantity.compare(Json.str(pv, "spec", "capacity", "storage"),
                Json.str(claim, "spec", "resources", "requests", "storage")) < 0) {
            return "requested PV is too small";
        }
        if (!Json.strOr(pv, "", "spec", "storageClassName").equals(Json.strOr(claim, "", "spec", "storageClassName"))) {
            return "storageClassName does not match";
        }
        if (!volumeMode(pv).equals(volumeMode(claim))) {
            return "incompatible volumeMode";
        }
        if (!offersAccessModes(pv, claim)) {
            return "incompatible accessMode";
        }
        JsonNode selector = Json.at(claim, "spec", "selector");
        if (selector.isObject() && !dev.ordinal.core.LabelSelectorMatcher.matches(selector, Json.labels(pv))) {
            return "volume labels do not match the claim's selector";
        }
        return null;
    }

    /** Whether a claimRef names this claim (by namespace and name, and by uid when the ref has one). */
    public static boolean refersTo(JsonNode ref, JsonNode claim) {
        String uid = Json.str(ref, "uid");
        return Json.name(claim).equals(Json.str(ref, "name"))
                && Json.namespace(claim).equals(Json.strOr(ref, "", "namespace"))
                && (uid == null || uid.isEmpty() || uid.equals(Json.uid(claim)));
    }

    /** Whether the volume offers every access mode the claim requests. */
    private static boolean offersAccessModes(JsonNode pv, JsonNode claim) {
        return Json.strings(pv, "spec", "accessModes").containsAll(Json.strings(claim, "spec", "accessModes"));
    }

    private static String volumeMode(JsonNode o) {
        return Json.strOr(o, "Filesystem", "spec", "volumeMode");
    }
}
