package dev.ordinal.node;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces: names are DNS labels, the label {@code kubernetes.io/metadata.name} always equals the name, a new
 * namespace gets the {@code kubernetes} finalizer and starts Active.
 */
@Component
public class NamespaceStrategy implements KindStrategy {
    /** The label Kubernetes sets on every namespace to its name. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public ResourceType type() {
        return ResourceTypes.NAMESPACE;
    }

    @Override
    public boolean nameIsDnsLabel() {
        return true;
    }

    /** SetDefaults_Namespace: the name label, on create and on every update. */
    @Override
    public void defaults(ObjectNode obj) {
        String name = Json.name(obj);
        if (name != null && !name.isEmpty()) {
            Json.setLabel(obj, NAME_LABEL, name);
        }
    }

    /**
     * On create only (namespace PrepareForCreate): {@code spec.finalizers: [kubernetes]} and phase Active. Updates
     * leave the finalizers to the namespace controller.
     */
    @Override
    public void initialStatus(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        List<String> finalizers = new ArrayList<>(Json.strings(spec, "finalizers"));
        if (!finalizers.contains("kubernetes")) {
            finalizers.add("kubernetes");
        }
        spec.set("finalizers", Json.stringArray(finalizers));
        Json.with(obj, "status").put("phase", "Active");
    }

    /** Status updates: the phase must be Active or Terminating. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return Values.oneOf(obj.path("status").path("phase"), "status.phase", "Active", "Terminating");
    }

    /** The namespaces the cluster needs may not be deleted (Kubernetes' NamespaceLifecycle admission). */
    @Override
    public void validateDelete(ObjectNode obj) {
        String name = Json.name(obj);
        if (List.of("default", "kube-system", "kube-public").contains(name)) {
            throw new ApiException(403, "Forbidden", "namespaces \"" + name + "\" is forbidden: this namespace may not "
                    + "be deleted", name, "", "namespaces", null);
        }
    }

    /** A namespace with {@code spec.finalizers} waits, terminating, until the namespace controller empties it. */
    @Override
    public boolean heldOnDelete(ObjectNode obj) {
        return !Json.list(obj, "spec", "finalizers").isEmpty();
    }

    /** A terminating namespace is removed once its {@code spec.finalizers} are empty too. */
    @Override
    public boolean readyToRemove(ObjectNode obj) {
        return Json.strings(obj, "spec", "finalizers").isEmpty();
    }
}
