package dev.ordinal.service;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Service defaults (SetDefaults_Service and the REST strategy's): type ClusterIP, sessionAffinity None, each port's
 * protocol TCP and targetPort its port, internalTrafficPolicy Cluster, and clusterIPs following clusterIP with one
 * IPv4 family. What {@code kubectl describe svc} and the endpoints controller read. Ordinal allocates no cluster IPs.
 */
@Component
public class ServiceStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.SERVICE;
    }

    @Override
    public void defaults(ObjectNode obj) {
        JsonNode s = obj.get("spec");
        if (s == null || !s.isObject()) {
            return;
        }
        ObjectNode spec = (ObjectNode) s;
        if (spec.path("type").asString("").isEmpty()) {
            spec.put("type", "ClusterIP");
        }
        if (spec.path("sessionAffinity").asString("").isEmpty()) {
            spec.put("sessionAffinity", "None");
        }
        if ("ExternalName".equals(spec.path("type").asString(""))) {
            return;
        }
        for (JsonNode p : Json.list(spec, "ports")) {
            if (!(p instanceof ObjectNode port)) {
                continue;
            }
            if (port.path("protocol").asString("").isEmpty()) {
                port.put("protocol", "TCP");
            }
            JsonNode target = port.get("targetPort");
            boolean unset = target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
                    || (target.isString() && target.asString().isEmpty());
            if (unset && port.path("port").isNumber()) {
                port.put("targetPort", port.get("port").asInt());
            }
        }
        if (spec.path("internalTrafficPolicy").asString("").isEmpty()) {
            spec.put("internalTrafficPolicy", "Cluster");
        }
        String clusterIp = spec.path("clusterIP").asString("");
        if (!clusterIp.isEmpty() && !spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(clusterIp);
        }
        if (!spec.has("ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        if (spec.path("ipFamilyPolicy").asString("").isEmpty()) {
            spec.put("ipFamilyPolicy", "SingleStack");
        }
    }
}
