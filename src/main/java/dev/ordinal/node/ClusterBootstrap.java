package dev.ordinal.node;

import java.time.Clock;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates what a fresh cluster has: namespaces {@code default}, {@code kube-system}, {@code kube-public} and
 * {@code kube-node-lease}, the simulated nodes (Ready, with capacity) and the default StorageClass {@code standard}.
 * Objects that already exist are left as they are, so a restart changes nothing.
 */
@Component
public class ClusterBootstrap {
    public static final String SIMULATED_PROVISIONER = dev.ordinal.controller.VolumeAttachments.SIMULATED_DRIVER;
    private final ResourceStore store;
    private final Clock clock;
    private final List<String> nodes;

    public ClusterBootstrap(ResourceStore store, Clock clock, @Value("${ordinal.cluster.nodes}") List<String> nodes) {
        this.store = store;
        this.clock = clock;
        this.nodes = nodes;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    public void bootstrap() {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            ObjectNode o = Json.object();
            Json.meta(o).put("name", ns);
            Json.with(o, "metadata", "labels").put("kubernetes.io/metadata.name", ns);
            createIfAbsent(ResourceTypes.NAMESPACE, o);
        }
        for (int i = 0; i < nodes.size(); i++) {
            createIfAbsent(ResourceTypes.NODE, node(nodes.get(i), i));
        }
        createIfAbsent(ResourceTypes.SERVICE, kubernetesService());
        ObjectNode sc = Json.object();
        Json.meta(sc).put("name", "standard");
        Json.setAnnotation(sc, "storageclass.kubernetes.io/is-default-class", "true");
        sc.put("provisioner", SIMULATED_PROVISIONER);
        sc.put("reclaimPolicy", "Delete");
        sc.put("volumeBindingMode", "Immediate");
        sc.put("allowVolumeExpansion", true);
        createIfAbsent(ResourceTypes.STORAGE_CLASS, sc);
    }

    private void createIfAbsent(ResourceType type, ObjectNode obj) {
        String ns = type.namespaced() ? Json.namespace(obj) : null;
        if (store.find(type, ns, Json.name(obj)).isEmpty()) {
            try {
                store.create(type, ns, obj);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /** The {@code default/kubernetes} Service every cluster has, pointing at the API server. */
    private static ObjectNode kubernetesService() {
        ObjectNode svc = Json.object();
        Json.meta(svc).put("name", "kubernetes");
        Json.meta(svc).put("namespace", "default");
        Json.setLabel(svc, "component", "apiserver");
        Json.setLabel(svc, "provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("clusterIP", "10.96.0.1");
        spec.putArray("clusterIPs").add("10.96.0.1");
        spec.put("sessionAffinity", "None");
        ObjectNode port = spec.putArray("ports").addObject();
        port.put("name", "https");
        port.put("port", 443);
        port.put("protocol", "TCP");
        port.put("targetPort", 8080);
        return svc;
    }

    private ObjectNode node(String name, int index) {
        ObjectNode n = Json.object();
        ObjectNode labels = Json.with(n, "metadata", "labels");
        Json.meta(n).put("name", name);
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("type", "simulated");
        Json.with(n, "spec").put("podCIDR", "10.244." + index + ".0/24");
        return n;
    }
}
