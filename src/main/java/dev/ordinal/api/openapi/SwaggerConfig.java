package dev.ordinal.api.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/**
 * Puts the Kubernetes API into the Swagger UI ({@code /swagger-ui.html}, document {@code /v3/api-docs}). The generic
 * resource controller is hidden from springdoc because it parses paths itself, so this customizer adds every path of
 * every kind (list, create, delete collection, read, replace, patch, delete, and the status and scale subresources)
 * from the same generated document kubectl reads at {@code /openapi/v3}, with the component schemas, and the
 * article's manifests as ready-to-send examples for creating StatefulSets, ReplicationControllers and claims.
 */
@Configuration
public class SwaggerConfig {
    /** Classpath folder of the example manifests (copies of the article's manifests). */
    static final String EXAMPLES = "examples/";

    /**
     * The title, description and version of the Swagger document, and the bearer token it sends: "Authorize" takes a
     * token from the token file, and every "Try it out" request then carries it.
     */
    @Bean
    public OpenAPI ordinalOpenApi() {
        return new OpenAPI().info(new Info().title("Ordinal")
                .version("v1.32.0-ordinal")
                .description("A small Kubernetes-style control plane for stateful workloads. The Kubernetes paths below "
                        + "take and return JSON or YAML; errors are Kubernetes Status objects. Try: create the "
                        + "StatefulSet example in namespace default, then list pods and persistentvolumeclaims. "
                        + "When Ordinal runs with a token file (ordinal.auth.token-file), press Authorize and enter "
                        + "your token; without one (the default on loopback) no token is needed."))
                .components(new Components().addSecuritySchemes(BEARER, new io.swagger.v3.oas.models.security.SecurityScheme()
                        .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A token from Ordinal's token file (kube-apiserver's --token-auth-file format).")))
                .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList(BEARER));
    }

    static final String BEARER = "BearerToken";

    /** Adds the Kubernetes paths, schemas, tags and examples to springdoc's document. */
    @Bean
    public OpenApiCustomizer kubernetesPaths(KubernetesOpenApi kubernetes, KindRegistry kinds) {
        return openApi -> {
            ObjectMapper mapper = SpecVersion.V31.equals(openApi.getSpecVersion())
                    ? Json31.mapper() : io.swagger.v3.core.util.Json.mapper();
            Paths paths = openApi.getPaths() == null ? new Paths() : openApi.getPaths();
            for (var e : kubernetes.allPaths().properties()) {
                paths.addPathItem(e.getKey(), convert(mapper, e.getValue(), PathItem.class));
            }
            openApi.setPaths(paths);
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            kubernetes.schemas().forEach((name, schema) -> components.addSchemas(name, convert(mapper, schema, Schema.class)));
            openApi.setComponents(components);
            for (String group : kinds.groups()) {
                openApi.addTagsItem(new Tag().name(KubernetesOpenApi.tag(group))
                        .description((group.isEmpty() ? "core" : group) + "/v1 resources"));
            }
            addExamples(openApi, mapper, kinds);
        };
    }

    private static void addExamples(OpenAPI openApi, ObjectMapper mapper, KindRegistry kinds) {
        Map<String, Map<String, String>> byKind = new LinkedHashMap<>();
        for (String file : List.of("seed-statefulset.yaml", "seed-statefulset-parallel.yaml", "seed-rc-shared-claim.yaml")) {
            for (String doc : documents(read(EXAMPLES + file))) {
                JsonNode node = Json.YAML.readTree(doc);
                String kind = Json.str(node, "kind");
                if (kind != null) {
                    String name = file.replace(".yaml", "") + (file.contains("rc-shared") ? "-" + kind.toLowerCase() : "");
                    byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, doc);
                }
            }
        }
        byKind.forEach((kind, examples) -> {
            ResourceType t = kinds.findByKind(kind).orElseThrow().type();
            PathItem item = openApi.getPaths().get(t.groupVersionPath() + "/namespaces/{namespace}/" + t.plural());
            Operation post = item == null ? null : item.getPost();
            if (post == null || post.getRequestBody() == null) {
                return;
            }
            Content content = post.getRequestBody().getContent();
            MediaType yaml = content.get("application/yaml");
            MediaType json = content.get("application/json");
            examples.forEach((name, text) -> {
                String summary = firstComment(text);
                yaml.addExamples(name, new Example().summary(summary).value(text));
                json.addExamples(name, new Example().summary(summary)
                        .value(convert(mapper, Json.YAML.readTree(text), Object.class)));
            });
            // Swagger UI offers the first media type first; YAML is how the article writes manifests.
            Content reordered = new Content();
            reordered.addMediaType("application/yaml", yaml);
            content.forEach((k, v) -> {
                if (!k.equals("application/yaml")) {
                    reordered.addMediaType(k, v);
                }
            });
            post.getRequestBody().setContent(reordered);
        });
    }

    /** The YAML documents of a multi-document manifest, each with its own comments. */
    static List<String> documents(String manifest) {
        List<String> out = new ArrayList<>();
        for (String part : manifest.split("(?m)^---\\s*$")) {
            if (!part.isBlank()) {
                out.add(part.strip() + "\n");
            }
        }
        return out;
    }

    private static String firstComment(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("#")).map(l -> l.substring(1).strip()).findFirst()
                .orElse("Example manifest");
    }

    static String read(String classpathLocation) {
        try (InputStream in = new ClassPathResource(classpathLocation).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("missing example " + classpathLocation, e);
        }
    }

    private static <T> T convert(ObjectMapper mapper, JsonNode node, Class<T> type) {
        try {
            return mapper.readValue(Json.write(node), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot convert OpenAPI fragment to " + type.getSimpleName(), e);
        }
    }
}
