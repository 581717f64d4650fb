package dev.ordinal.quota;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.ordinal.api.validation.Quantity;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.JsonNode;

/**
 * What objects count against a ResourceQuota, after Kubernetes' quota evaluators: the object counts {@code pods}
 * (pods not yet Succeeded or Failed), {@code persistentvolumeclaims}, {@code services},
 * {@code replicationcontrollers}, {@code resourcequotas} and {@code count/<resource>[.<group>]} for every kind
 * served; {@code requests.storage} (the claims' requested storage); and per storage class
 * {@code <class>.storageclass.storage.k8s.io/requests.storage} and {@code .../persistentvolumeclaims}. Pure.
 */
final class QuotaUsage {
    static final String REQUESTS_STORAGE = "requests.storage";
    private static final String CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
    private static final Map<String, ResourceType> COUNTED = Map.of(
            "pods", ResourceTypes.POD, "persistentvolumeclaims", ResourceTypes.PERSISTENT_VOLUME_CLAIM,
            "services", ResourceTypes.SERVICE, "replicationcontrollers", ResourceTypes.REPLICATION_CONTROLLER,
            "resourcequotas", ResourceTypes.RESOURCE_QUOTA);

    private QuotaUsage() {
    }

    /** The kind a quota resource name is about, when Ordinal serves it. */
    static Optional<ResourceType> typeOf(String resource, KindRegistry kinds) {
        Optional<ResourceType> fixed = fixedTypeOf(resource);
        if (fixed.isPresent() || !resource.startsWith("count/")) {
            return fixed;
        }
        String[] gr = countedResource(resource);
        return kinds.findByGroupResource(gr[1], gr[0]).map(KindDefinition::type);
    }

    /** Whether a quota resource name counts objects of {@code type}. */
    static boolean counts(String resource, ResourceType type) {
        Optional<ResourceType> fixed = fixedTypeOf(resource);
        if (fixed.isPresent() || !resource.startsWith("count/")) {
            return fixed.filter(type::equals).isPresent();
        }
        String[] gr = countedResource(resource);
        return type.plural().equals(gr[0]) && type.group().equals(gr[1]);
    }

    private static Optional<ResourceType> fixedTypeOf(String resource) {
        if (COUNTED.containsKey(resource)) {
            return Optional.of(COUNTED.get(resource));
        }
        if (resource.equals(REQUESTS_STORAGE) || resource.contains(CLASS_SUFFIX)) {
            return Optional.of(ResourceTypes.PERSISTENT_VOLUME_CLAIM);
        }
        return Optional.empty();
    }

    /** The plural and the group of {@code count/<resource>[.<group>]}. */
    private static String[] countedResource(String resource) {
        String gr = resource.substring("count/".length());
        int dot = gr.indexOf('.');
        return new String[] {dot < 0 ? gr : gr.substring(0, dot), dot < 0 ? "" : gr.substring(dot + 1)};
    }

    /** The kinds whose objects the named resources count. */
    static Set<ResourceType> typesOf(Collection<String> resources, KindRegistry kinds) {
        Set<ResourceType> types = new LinkedHashSet<>();
        resources.forEach(r -> typeOf(r, kinds).ifPresent(types::add));
        return types;
    }

    /** What one object of {@code type} adds to each of {@code resources} (only non-zero entries). */
    static Map<String, BigDecimal> of(ResourceType type, JsonNode obj, Collection<String> resources) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (String r : resources) {
            BigDecimal v = contribution(r, type, obj);
            if (v.signum() != 0) {
                out.put(r, v);
            }
        }
        return out;
    }

    /** The usage of every resource in {@code resources} by {@code objects} (all of one namespace), zeros included. */
    static Map<String, BigDecimal> total(Collection<String> resources,
                                         Map<ResourceType, ? extends Collection<? extends JsonNode>> objects,
                                         KindRegistry kinds) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (String r : resources) {
            BigDecimal sum = BigDecimal.ZERO;
            Optional<ResourceType> type = typeOf(r, kinds);
            if (type.isPresent()) {
                Collection<? extends JsonNode> items = objects.get(type.get());
                for (JsonNode o : items == null ? java.util.List.<JsonNode>of() : items) {
                    sum = sum.add(contribution(r, type.get(), o));
                }
            }
            out.put(r, sum);
        }
        return out;
    }

    private static BigDecimal contribution(String resource, ResourceType type, JsonNode obj) {
        if (!counts(resource, type)) {
            return BigDecimal.ZERO;
        }
        if (resource.equals("pods")) {
            return dev.ordinal.controller.Pods.isTerminated(obj) ? BigDecimal.ZERO : BigDecimal.ONE;
        }
        if (resource.contains(CLASS_SUFFIX)) {
            String cls = resource.substring(0, resource.indexOf(CLASS_SUFFIX));
            if (!cls.equals(Json.str(obj, "spec", "storageClassName"))) {
                return BigDecimal.ZERO;
            }
            resource = resource.substring(resource.indexOf(CLASS_SUFFIX) + CLASS_SUFFIX.length());
        }
        if (resource.equals(REQUESTS_STORAGE)) {
            BigDecimal v = Quantity.parse(Json.at(obj, "spec", "resources", "requests", "storage"));
            return v == null ? BigDecimal.ZERO : v;
        }
        return BigDecimal.ONE;
    }
}
