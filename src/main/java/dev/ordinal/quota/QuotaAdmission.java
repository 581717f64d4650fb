package dev.ordinal.quota;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ordinal.api.validation.Quantity;
import dev.ordinal.core.AdmissionPlugin;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ResourceQuota admission plugin ({@code plugin/pkg/admission/resourcequota}): a create that would take a
 * quota's {@code status.used} beyond its {@code status.hard} is refused with 403 "exceeded quota: {quota},
 * requested: …, used: …, limited: …"; one a quota constrains before the quota controller has computed its usage is
 * refused with "status unknown for quota". An admitted create is charged to every quota at once by a
 * compare-and-swap update of its status, so concurrent creates cannot both take the last unit; the quota
 * controller recomputes usage from the objects afterwards.
 */
@Component
public class QuotaAdmission implements AdmissionPlugin {
    private static final int ATTEMPTS = 10;
    private final ObjectProvider<ResourceStore> stores;

    public QuotaAdmission(ObjectProvider<ResourceStore> stores) {
        this.stores = stores;
    }

    @Override
    public boolean writesOnAdmit(ResourceType type, String namespace) {
        return type.namespaced() && !type.equals(ResourceTypes.EVENT)
                && !stores.getObject().cache().list(ResourceTypes.RESOURCE_QUOTA, namespace).isEmpty();
    }

    @Override
    public void admitCreate(ResourceType type, ObjectNode obj) {
        if (!type.namespaced() || type.equals(ResourceTypes.EVENT)) {
            return;
        }
        ResourceStore store = stores.getObject();
        String ns = Json.namespace(obj);
        for (int attempt = 0; ; attempt++) {
            List<ObjectNode> charged = check(type, obj, store.list(ResourceTypes.RESOURCE_QUOTA, ns));
            try {
                for (ObjectNode q : charged) {
                    store.update(ResourceTypes.RESOURCE_QUOTA, ns, Json.name(q), q, true);
                }
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                store.awaitLatest(); // The cached quota was stale: charge the one every committed write left.
            }
        }
    }

    /** Checks every quota of the namespace; returns the quotas whose status.used the create changes, updated. */
    private static List<ObjectNode> check(ResourceType type, ObjectNode obj, List<ObjectNode> quotas) {
        List<ObjectNode> charged = new ArrayList<>();
        for (ObjectNode quota : quotas) {
            Map<String, String> hard = Json.stringMap(quota, "status", "hard");
            List<String> restricted = hard.keySet().stream()
                    .filter(r -> QuotaUsage.counts(r, type)).sorted().toList();
            if (restricted.isEmpty()) {
                continue;
            }
            Map<String, String> usedStrings = Json.stringMap(quota, "status", "used");
            if (!usedStrings.keySet().containsAll(restricted)) {
                throw ApiException.forbidden(type, Json.name(obj), "status unknown for quota: " + Json.name(quota)
                        + ", resources: " + String.join(",", restricted));
            }
            Map<String, BigDecimal> requested = QuotaUsage.of(type, obj, restricted);
            if (requested.isEmpty()) {
                continue;
            }
            Map<String, BigDecimal> used = parse(usedStrings);
            Map<String, BigDecimal> limits = parse(hard);
            Map<String, BigDecimal> newUsage = new TreeMap<>();
            List<String> exceeded = new ArrayList<>();
            requested.forEach((r, v) -> {
                BigDecimal total = used.getOrDefault(r, BigDecimal.ZERO).add(v);
                newUsage.put(r, total);
                if (total.compareTo(limits.getOrDefault(r, BigDecimal.ZERO)) > 0) {
                    exceeded.add(r);
                }
            });
            Map<String, Boolean> binary = new HashMap<>();
            hard.forEach((r, q) -> binary.put(r, Quantities.isBinary(q)));
            if (!exceeded.isEmpty()) {
                throw ApiException.forbidden(type, Json.name(obj), "exceeded quota: " + Json.name(quota)
                        + ", requested: " + Quantities.pretty(mask(requested, exceeded), binary)
                        + ", used: " + Quantities.pretty(mask(used, exceeded), binary)
                        + ", limited: " + Quantities.pretty(mask(limits, exceeded), binary));
            }
            ObjectNode updated = quota.deepCopy();
            ObjectNode usedNode = Json.with(updated, "status", "used");
            newUsage.forEach((r, v) -> usedNode.put(r, Quantities.format(v, binary.getOrDefault(r, false))));
            charged.add(updated);
        }
        return charged;
    }

    private static Map<String, BigDecimal> parse(Map<String, String> quantities) {
        Map<String, BigDecimal> out = new TreeMap<>();
        quantities.forEach((r, q) -> {
            BigDecimal v = Quantity.parse(q);
            out.put(r, v == null ? BigDecimal.ZERO : v);
        });
        return out;
    }

    private static Map<String, BigDecimal> mask(Map<String, BigDecimal> list, List<String> names) {
        Map<String, BigDecimal> out = new TreeMap<>();
        names.forEach(n -> out.put(n, list.getOrDefault(n, BigDecimal.ZERO)));
        return out;
    }
}
