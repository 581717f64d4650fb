package dev.ordinal.rbac;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** Where the RBAC authorizer reads roles and bindings: the informer cache in the server, fixtures in tests. */
public interface PolicySource {

    List<? extends JsonNode> clusterRoleBindings();

    List<? extends JsonNode> roleBindings(String namespace);

    Optional<? extends JsonNode> clusterRole(String name);

    Optional<? extends JsonNode> role(String namespace, String name);
}
