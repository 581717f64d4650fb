package dev.ordinal.pod;

import java.util.List;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.core.Subresource;
import dev.ordinal.core.SubresourceHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;

/** The definitions of Pod, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class PodKinds {
    @Bean
    @Order(4)
    KindDefinition podKind(PodStrategy strategy, @Lazy @Qualifier("podLog") SubresourceHandler log, @Lazy @Qualifier("podEviction") SubresourceHandler eviction,
                       @Lazy @Qualifier("podBinding") SubresourceHandler binding) {
        return KubernetesSchemas.builtIn(ResourceTypes.POD)
                .strategy(strategy)
                .columns(PodColumns.pod())
                .subresource(Subresource.of("log", List.of("get"), log))
                // kubectl drain looks for this entry (group policy, kind Eviction) to evict rather than delete.
                .subresource(new Subresource("eviction", "policy", "v1", "Eviction", List.of("create"), true, eviction))
                .subresource(new Subresource("binding", null, null, "Binding", List.of("create"), true, binding))
                .fieldSelectors("status.phase", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                        "status.podIP", "status.nominatedNodeName")
                .index(Pods.ON_NODE)
                .index(Pods.ACTIVE_ON_NODE)
                .index(Pods.RUNNING_ON_NODE)
                .index(Pods.BY_CLAIM)
                .build();
    }
}
