package dev.ordinal.api.discovery;

import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.Subresource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes discovery: the server version, the API groups and versions, and the resources each group version
 * serves, in the plain JSON forms ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup},
 * {@code APIResourceList}). Aggregated discovery is deliberately not served: clients that ask for it first (kubectl)
 * read the plain {@code application/json} answer instead. Also the health probes. Every answer is built from the
 * {@link KindRegistry} as it is at the request, so kinds registered at run time appear at once.
 */
@Tag(name = "discovery", description = "Version, API groups and resources, health")
@RestController
public class DiscoveryApiController {
    /** The Kubernetes minor version reported; kubectl on these machines picks its client by it. */
    public static final String MINOR = "32";
    private final KindRegistry kinds;

    public DiscoveryApiController(KindRegistry kinds) {
        this.kinds = kinds;
    }

    /**
     * The server version. {@code major} is "1" and {@code minor} is "32", so kubectl's version dispatcher runs its
     * 1.32 client against this server.
     */
    @Operation(summary = "Server version")
    @GetMapping(value = "/version")
    public ResponseEntity<byte[]> version() {
        ObjectNode v = Json.object();
        v.put("major", "1");
        v.put("minor", MINOR);
        v.put("gitVersion", "v1.32.0-ordinal");
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-01-01T00:00:00Z");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "javac");
        v.put("platform", System.getProperty("os.name", "linux").toLowerCase() + "/" + System.getProperty("os.arch", ""));
        return json(v);
    }

    /** The core group's versions ({@code APIVersions}): only {@code v1}. */
    @Operation(summary = "Core API versions")
    @GetMapping(value = "/api")
    public ResponseEntity<byte[]> coreVersions(HttpServletRequest request) {
        ObjectNode o = Json.object();
        o.put("kind", "APIVersions");
        o.put("apiVersion", "v1");
        o.putArray("versions").add("v1");
        ObjectNode addr = o.putArray("serverAddressByClientCIDRs").addObject();
        addr.put("clientCIDR", "0.0.0.0/0");
        addr.put("serverAddress", request.getServerName() + ":" + request.getServerPort());
        return json(o);
    }

    /** Every named group ({@code APIGroupList}) with its versions, in the order the registry lists them. */
    @Operation(summary = "API groups")
    @GetMapping(value = "/apis")
    public ResponseEntity<byte[]> groups() {
        ObjectNode o = Json.object();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        for (String g : namedGroups()) {
            groups.add(group(g));
        }
        return json(o);
    }

    /** One named group ({@code APIGroup}); an unknown group is a 404 NotFound Status. */
    @Operation(summary = "One API group")
    @GetMapping(value = "/apis/{group}")
    public ResponseEntity<byte[]> namedGroup(@PathVariable String group) {
        if (!namedGroups().contains(group)) {
            throw ApiException.notFoundPath();
        }
        ObjectNode o = group(group);
        o.put("kind", "APIGroup");
        o.put("apiVersion", "v1");
        return json(o);
    }

    /** The core group's resources ({@code APIResourceList} for {@code v1}). */
    @Operation(summary = "Core v1 resources")
    @GetMapping(value = "/api/v1")
    public ResponseEntity<byte[]> coreResources() {
        return json(resourceList("", "v1"));
    }

    /** A named group version's resources; an unknown group or version is a 404 NotFound Status. */
    @Operation(summary = "Resources of a group version")
    @GetMapping(value = "/apis/{group}/{version}")
    public ResponseEntity<byte[]> groupResources(@PathVariable String group, @PathVariable String version) {
        if (!namedGroups().contains(group) || !kinds.versions(group).contains(version)) {
            throw ApiException.notFoundPath();
        }
        return json(resourceList(group, version));
    }

    /** Liveness and readiness probes, answered {@code ok} as text while the server serves requests. */
    @Operation(summary = "Health probe")
    @GetMapping({"/healthz", "/readyz", "/livez"})
    public ResponseEntity<String> health() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok");
    }

    /** The named (non-core) groups served, in discovery order. */
    public List<String> namedGroups() {
        return kinds.groups().stream().filter(g -> !g.isEmpty()).toList();
    }

    /**
     * The {@code APIResourceList} of a group version ("" for core): each kind with its verbs, short names and
     * categories, then its listed subresources ({@code statefulsets/status}; {@code statefulsets/scale} as
     * autoscaling/v1 Scale; {@code pods/eviction} as policy/v1 Eviction, which kubectl drain looks for).
     */
    public ObjectNode resourceList(String group, String version) {
        ObjectNode o = Json.object();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = o.putArray("resources");
        for (KindDefinition d : kinds.kinds(group, version)) {
            ResourceType t = d.type();
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            r.set("verbs", Json.stringArray(d.verbs()));
            if (!t.shortNames().isEmpty()) {
                r.set("shortNames", Json.stringArray(t.shortNames()));
            }
            if (!t.categories().isEmpty()) {
                r.set("categories", Json.stringArray(t.categories()));
            }
            for (Subresource sub : d.subresources()) {
                if (!sub.listed()) {
                    continue;
                }
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub.name());
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                if (sub.group() != null) {
                    s.put("group", sub.group());
                    s.put("version", sub.version());
                }
                s.put("kind", sub.kind() != null ? sub.kind() : t.kind());
                s.set("verbs", Json.stringArray(sub.verbs()));
            }
        }
        return o;
    }

    /**
     * Plain {@code application/json}, set explicitly: kubectl's Accept header first asks for aggregated discovery
     * ({@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}), and content negotiation
     * would otherwise echo that more specific type and make kubectl misread the plain body.
     */
    private static ResponseEntity<byte[]> json(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.MAPPER.writeValueAsBytes(body));
    }

    /**
     * A group's versions: the built-in groups' in their registration order, which puts the preferred one first; a
     * group served only by custom kinds (schema-defined ones) in Kubernetes' version priority, as the API server
     * lists a CRD group's versions and prefers the highest.
     */
    private List<String> versions(String group) {
        List<String> versions = kinds.versions(group);
        boolean custom = kinds.all().stream().filter(d -> d.type().group().equals(group))
                .allMatch(dev.ordinal.core.KindDefinition::prunesBySchema);
        return custom ? versions.stream().sorted(dev.ordinal.core.KubeVersions.BY_PRIORITY).toList() : versions;
    }

    private ObjectNode group(String name) {
        ObjectNode g = Json.object();
        g.put("name", name);
        ArrayNode versions = g.putArray("versions");
        for (String version : versions(name)) {
            ObjectNode v = versions.addObject();
            v.put("groupVersion", name + "/" + version);
            v.put("version", version);
        }
        g.set("preferredVersion", versions.get(0).deepCopy());
        return g;
    }
}
