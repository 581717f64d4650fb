package dev.ordinal.pod;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.api.validation.Values;
import dev.ordinal.controller.PodStatus;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.core.SubresourceHandler;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pods/binding} subresource ({@code POST .../pods/{name}/binding} with a {@code v1} Binding), as the API
 * server's {@code BindingREST} does it: the Binding's name must be the pod's, {@code target.name} is required and
 * {@code target.kind}, when given, is Node; the pod gets {@code spec.nodeName}, the Binding's annotations and condition
 * {@code PodScheduled=True} in one write through the store ({@link ResourceStore#guaranteedUpdate}), guarded by the
 * Binding's uid and resourceVersion when it carries them. A pod already assigned or being deleted is refused with
 * 409 Conflict on {@code pods/binding}; the answer is 201 with a Status {@code Success}. The scheduler binds through
 * {@link #bind} too.
 */
@Component("podBinding")
public class PodBinding implements SubresourceHandler {
    private final ResourceStore store;
    private final Clock clock;

    public PodBinding(ResourceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply create(ResourceType type, String namespace, String name, ObjectNode body, Map<String, String> params) {
        return Reply.json(201, bind(namespace, name, body));
    }

    /** The Binding of a pod to a node, as the scheduler posts it ({@code metadata.uid} guards the pod's identity). */
    public static ObjectNode of(ObjectNode pod, String node) {
        ObjectNode b = Json.object();
        b.put("apiVersion", "v1");
        b.put("kind", "Binding");
        ObjectNode meta = b.putObject("metadata");
        meta.put("name", Json.name(pod));
        meta.put("namespace", Json.namespace(pod));
        meta.put("uid", Json.uid(pod));
        ObjectNode target = b.putObject("target");
        target.put("kind", "Node");
        target.put("name", node);
        return b;
    }

    /**
     * Binds the pod named {@code name} as {@code binding} says ({@code BindingREST.Create}). Returns the Status to
     * answer with; throws 400 for a Binding of another name, 422 for a Binding without a target, 404 for a missing
     * pod and 409 for a pod already assigned or being deleted.
     */
    public ObjectNode bind(String namespace, String name, ObjectNode binding) {
        if (!name.equals(Json.str(binding, "metadata", "name"))) {
            throw ApiException.badRequest("name in URL does not match name in Binding object");
        }
        List<FieldError> errors = validate(binding);
        if (!errors.isEmpty()) {
            throw new ApiException(422, "Invalid", "Binding \"" + name + "\" is invalid: " + (errors.size() == 1
                    ? errors.get(0).text() : "[" + String.join(", ", errors.stream().map(FieldError::text).toList()) + "]"),
                    name, "", "Binding", errors);
        }
        String node = Json.str(binding, "target", "name");
        Map<String, String> annotations = Json.stringMap(binding, "metadata", "annotations");
        String now = Json.time(clock.instant());
        store.guaranteedUpdate(ResourceTypes.POD, namespace, name, Json.str(binding, "metadata", "uid"),
                Json.str(binding, "metadata", "resourceVersion"), pod -> {
                    if (Json.isTerminating(pod)) {
                        throw conflict(name, "pod " + name + " is being deleted, cannot be assigned to a host");
                    }
                    String current = Json.str(pod, "spec", "nodeName");
                    if (current != null && !current.isEmpty()) {
                        throw conflict(name, "pod " + name + " is already assigned to node \"" + current + "\"");
                    }
                    if (!Json.list(pod, "spec", "schedulingGates").isEmpty()) {
                        throw conflict(name, "pod " + name + " has non-empty .spec.schedulingGates");
                    }
                    Json.with(pod, "spec").put("nodeName", node);
                    annotations.forEach((k, v) -> Json.setAnnotation(pod, k, v));
                    PodStatus.setCondition(pod, "PodScheduled", "True", null, null, now);
                });
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", 201);
        return status;
    }

    /** ValidatePodBinding: a target name, and a target kind that is Node when given. */
    static List<FieldError> validate(ObjectNode binding) {
        List<FieldError> errs = new ArrayList<>();
        if (Values.text(binding.path("target").path("name")).isEmpty()) {
            errs.add(FieldError.required("target.name"));
        }
        String kind = Values.text(binding.path("target").path("kind"));
        if (!kind.isEmpty() && !kind.equalsIgnoreCase("Node")) {
            errs.add(FieldError.notSupported("target.kind", kind, "Node", "<empty>"));
        }
        return errs;
    }

    /** {@code NewConflict(pods/binding)}: what {@code assignPod} answers for a refusal that is not already a Status. */
    private static ApiException conflict(String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + name + "\": " + why,
                name, "", "pods/binding", null);
    }
}
