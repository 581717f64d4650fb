package dev.ordinal.rbac;

import java.util.List;
import java.util.Map;

import dev.ordinal.api.Codec;
import dev.ordinal.api.validation.Values;
import dev.ordinal.auth.AuthFilter;
import dev.ordinal.auth.Authorizer;
import dev.ordinal.auth.RequestAttributes;
import dev.ordinal.auth.UserInfo;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.ProtobufFields;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code authorization.k8s.io/v1} SelfSubjectAccessReview and SelfSubjectRulesReview: what {@code kubectl auth
 * can-i} and {@code kubectl auth can-i --list} ask. Both are answered for the user the request acts as (after
 * impersonation) by the same authorizer that guards the API, and nothing is stored.
 */
@RestController
@Tag(name = "authorization.k8s.io/v1", description = "Ask what the current user may do")
public class AccessReviewApiController {
    private static final String GROUP_VERSION = "authorization.k8s.io/v1";
    private final Authorizer authorizer;

    /**
     * The access reviews' specs as kubectl sends them in protobuf ({@code kubectl auth can-i}), numbered as
     * k8s.io/api/authorization/v1/generated.proto numbers them: small trees of strings.
     */
    private static final Map<String, ProtobufFields> PROTOBUF = Map.of(
            "SelfSubjectAccessReview", ProtobufFields.builder().message(2, "spec", ProtobufFields.builder()
                    .message(1, "resourceAttributes", ProtobufFields.builder().string(1, "namespace")
                            .string(2, "verb").string(3, "group").string(4, "version").string(5, "resource")
                            .string(6, "subresource").string(7, "name").build())
                    .message(2, "nonResourceAttributes", ProtobufFields.builder().string(1, "path")
                            .string(2, "verb").build())
                    .build()).build(),
            "SelfSubjectRulesReview", ProtobufFields.builder().message(2, "spec", ProtobufFields.builder()
                    .string(1, "namespace").build()).build());

    /** The protobuf fields of a review the envelope names; metadata only for anything else. */
    private static ProtobufFields protobufFields(String apiVersion, String kind) {
        return kind == null ? ProtobufFields.NONE : PROTOBUF.getOrDefault(kind, ProtobufFields.NONE);
    }

    public AccessReviewApiController(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Operation(summary = "Ask whether the current user may do one thing",
            description = "spec.resourceAttributes (verb, group, resource, subresource, namespace, name) or "
                    + "spec.nonResourceAttributes (verb, path); answers with status.allowed and the reason. "
                    + "This is what `kubectl auth can-i delete pods` sends.")
    @PostMapping(value = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> accessReview(HttpServletRequest request,
                                               @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                               @RequestBody(required = false) byte[] body) {
        ObjectNode review = Codec.readObject(body, contentType, AccessReviewApiController::protobufFields);
        UserInfo user = AuthFilter.user(request);
        JsonNode spec = review.path("spec");
        JsonNode res = spec.get("resourceAttributes");
        JsonNode nonRes = spec.get("nonResourceAttributes");
        if ((res == null || res.isNull()) == (nonRes == null || nonRes.isNull())) {
            throw ApiException.invalid(SSAR, "", List.of(FieldError.invalid("spec.resourceAttributes", "null",
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
        }
        RequestAttributes asked = res != null && !res.isNull()
                ? RequestAttributes.resource(user, text(res, "verb"), text(res, "group"), text(res, "version"),
                        text(res, "namespace"), text(res, "resource"), text(res, "subresource"), text(res, "name"))
                : RequestAttributes.nonResource(user, text(nonRes, "verb"), text(nonRes, "path"));
        Authorizer.Decision decision = authorizer.authorize(asked);
        ObjectNode out = Json.object();
        out.put("kind", "SelfSubjectAccessReview");
        out.put("apiVersion", GROUP_VERSION);
        out.set("metadata", review.has("metadata") && review.get("metadata").isObject() ? review.get("metadata")
                : Json.object());
        out.set("spec", spec.isObject() ? spec : Json.object());
        ObjectNode status = out.putObject("status");
        status.put("allowed", decision.allowed());
        if (!decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        return created(out);
    }

    @Operation(summary = "List what the current user may do in a namespace",
            description = "spec.namespace; answers with status.resourceRules and status.nonResourceRules. This is "
                    + "what `kubectl auth can-i --list` sends.")
    @PostMapping(value = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> rulesReview(HttpServletRequest request,
                                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                              @RequestBody(required = false) byte[] body) {
        ObjectNode review = Codec.readObject(body, contentType, AccessReviewApiController::protobufFields);
        JsonNode spec = review.path("spec");
        Authorizer.Rules rules = authorizer.rulesFor(AuthFilter.user(request), text(spec, "namespace"));
        ObjectNode out = Json.object();
        out.put("kind", "SelfSubjectRulesReview");
        out.put("apiVersion", GROUP_VERSION);
        out.set("metadata", Json.object());
        out.set("spec", spec.isObject() ? spec : Json.object());
        ObjectNode status = out.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        for (Authorizer.ResourceRule r : rules.resourceRules()) {
            ObjectNode o = resourceRules.addObject();
            strings(o, "verbs", r.verbs(), true);
            strings(o, "apiGroups", r.apiGroups(), false);
            strings(o, "resources", r.resources(), false);
            strings(o, "resourceNames", r.resourceNames(), false);
        }
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        for (Authorizer.NonResourceRule r : rules.nonResourceRules()) {
            ObjectNode o = nonResourceRules.addObject();
            strings(o, "verbs", r.verbs(), true);
            strings(o, "nonResourceURLs", r.nonResourceURLs(), false);
        }
        status.put("incomplete", rules.incomplete());
        if (!rules.evaluationError().isEmpty()) {
            status.put("evaluationError", rules.evaluationError());
        }
        return created(out);
    }

    private static final dev.ordinal.core.ResourceType SSAR = new dev.ordinal.core.ResourceType(
            "authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews",
            "selfsubjectaccessreview", false, List.of(), List.of(), List.of());

    private static ResponseEntity<byte[]> created(ObjectNode out) {
        return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(Codec.write(out, false));
    }

    private static void strings(ObjectNode o, String field, List<String> values, boolean always) {
        if (always || !values.isEmpty()) {
            ArrayNode a = o.putArray(field);
            values.forEach(a::add);
        }
    }

    private static String text(JsonNode n, String field) {
        return n == null ? "" : Values.text(n.path(field));
    }
}
