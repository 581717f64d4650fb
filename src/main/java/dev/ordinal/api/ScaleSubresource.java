package dev.ordinal.api;

import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.LabelSelectorStrings;
import dev.ordinal.core.ScalePaths;
import dev.ordinal.core.ResourceType;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /scale} subresource: an autoscaling/v1 Scale view of a workload's replicas. */
@Component
public class ScaleSubresource {
    private final ResourceStore store;
    private final dev.ordinal.core.KindRegistry kinds;

    public ScaleSubresource(ResourceStore store, dev.ordinal.core.KindRegistry kinds) {
        this.store = store;
        this.kinds = kinds;
    }

    /** The Scale of a workload: spec.replicas, status.replicas and the selector as a string. */
    public ObjectNode toScale(ResourceType type, ObjectNode obj) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (Json.at(obj, "metadata", f).isValueNode()) {
                meta.set(f, Json.at(obj, "metadata", f).deepCopy());
            }
        }
        java.util.Optional<ScalePaths> custom = scalePaths(type);
        if (custom.isPresent()) {
            // A kind that names its own paths (a custom kind's CRD does); an absent replicas field reads as 0.
            ScalePaths paths = custom.get();
            s.putObject("spec").put("replicas", Json.at(obj, ScalePaths.segments(paths.specReplicasPath())).asInt(0));
            ObjectNode status = s.putObject("status");
            status.put("replicas", Json.at(obj, ScalePaths.segments(paths.statusReplicasPath())).asInt(0));
            String selectorPath = paths.labelSelectorPath() == null ? "" : paths.labelSelectorPath();
            if (!selectorPath.isEmpty() && Json.at(obj, ScalePaths.segments(selectorPath)).isString()) {
                status.put("selector", Json.at(obj, ScalePaths.segments(selectorPath)).asString());
            }
            return s;
        }
        s.putObject("spec").put("replicas", Json.integer(obj, 1, "spec", "replicas"));
        ObjectNode status = s.putObject("status");
        status.put("replicas", Json.integer(obj, 0, "status", "replicas"));
        status.put("selector", definition(type).map(d -> d.scaleSelector(obj))
                .orElseGet(() -> LabelSelectorStrings.ofLabelSelector(Json.at(obj, "spec", "selector"))));
        return s;
    }

    /** Replaces the replicas from a Scale body; a stale resourceVersion is a 409 Conflict. */
    public ObjectNode replace(ApiPath path, ObjectNode scale) {
        ObjectNode current = store.get(path.type(), path.namespace(), path.name());
        return write(path, current, scale);
    }

    /**
     * Patches the Scale view and writes the resulting replicas back. A patch that names no resourceVersion is applied
     * again to the latest object when a concurrent write (a controller's status) wins, as the API server's patch
     * handler retries on conflict; a patch that names one gets the 409.
     */
    public ObjectNode patch(ApiPath path, JsonNode patch, String patchType) {
        boolean pinned = Json.str(patch, "metadata", "resourceVersion") != null;
        for (int attempt = 0; ; attempt++) {
            ObjectNode current = store.get(path.type(), path.namespace(), path.name());
            ObjectNode scale = Patches.apply(toScale(path.type(), current), patch, patchType);
            if (!pinned) {
                Json.meta(scale).remove("resourceVersion");
            }
            try {
                return write(path, current, scale);
            } catch (ApiException e) {
                if (pinned || e.code() != 409 || !"Conflict".equals(e.reason()) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private ObjectNode write(ApiPath path, ObjectNode current, ObjectNode scale) {
        JsonNode replicas = Json.at(scale, "spec", "replicas");
        if (!replicas.isMissingNode() && !replicas.isNull() && !(replicas.isIntegralNumber() && replicas.canConvertToInt())) {
            String what = replicas.isNumber() ? "number " + replicas.asString() : Json.typeName(replicas);
            throw ApiException.badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal "
                    + what + " into Go struct field ScaleSpec.spec.replicas of type int32");
        }
        if (!replicas.isNumber() || replicas.asInt() < 0) {
            throw new ApiException(422, "Invalid", "Scale.autoscaling \"" + path.name() + "\" is invalid: "
                    + "spec.replicas: Invalid value: " + replicas + ": must be greater than or equal to 0",
                    path.name(), "autoscaling", "Scale",
                    List.of(FieldError.invalid("spec.replicas", replicas.toString(), "must be greater than or equal to 0")));
        }
        ObjectNode updated = Json.copy(current);
        java.util.Optional<ScalePaths> custom = scalePaths(path.type());
        if (custom.isPresent()) {
            String[] spec = ScalePaths.segments(custom.get().specReplicasPath());
            ObjectNode parent = spec.length == 1 ? updated
                    : Json.with(updated, java.util.Arrays.copyOf(spec, spec.length - 1));
            parent.put(spec[spec.length - 1], replicas.asInt());
        } else {
            Json.with(updated, "spec").put("replicas", replicas.asInt());
        }
        String rv = Json.str(scale, "metadata", "resourceVersion");
        if (rv != null && !rv.isEmpty()) {
            Json.meta(updated).put("resourceVersion", rv);
        }
        return toScale(path.type(), store.update(path.type(), path.namespace(), path.name(), updated, false));
    }

    /** The paths a kind names for its Scale (custom kinds do); empty for the built-in kinds' {@code spec.replicas}. */
    private java.util.Optional<ScalePaths> scalePaths(ResourceType type) {
        return definition(type).flatMap(KindDefinition::scalePaths);
    }

    private java.util.Optional<KindDefinition> definition(ResourceType type) {
        return kinds.find(type.group(), type.version(), type.kind());
    }
}
