package dev.ordinal.api.openapi;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves Kubernetes' OpenAPI v3 discovery: the index at {@code /openapi/v3} and one document per group version at
 * {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1} and so on. {@code /openapi/v2} is answered with a 404
 * Status, so clients (kubectl) use v3. The Swagger UI's own document is springdoc's {@code /v3/api-docs}.
 */
@Hidden
@RestController
public class OpenApiV3Controller {
    private final KubernetesOpenApi openApi;

    public OpenApiV3Controller(KubernetesOpenApi openApi) {
        this.openApi = openApi;
    }

    /** The index of group version documents, each with a server-relative URL that carries its content hash. */
    @GetMapping(value = "/openapi/v3")
    public ResponseEntity<byte[]> index() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(Json.MAPPER.writeValueAsBytes(openApi.index()));
    }

    /**
     * One group version's document. When the request names the current hash, the answer may be cached forever, as
     * Kubernetes allows; an unknown group version is a 404 Status.
     */
    @GetMapping(value = {"/openapi/v3/api/*", "/openapi/v3/apis/*/*"})
    public ResponseEntity<byte[]> document(HttpServletRequest request, @RequestParam(required = false) String hash) {
        String path = request.getRequestURI().substring("/openapi/v3/".length());
        KubernetesOpenApi.Doc doc = openApi.document(path).orElseThrow(ApiException::notFoundPath);
        CacheControl cache = doc.hash().equals(hash)
                ? CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable()
                : CacheControl.noCache();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(cache)
                .eTag("\"" + doc.hash() + "\"")
                .body(Json.MAPPER.writeValueAsBytes(doc.document()));
    }

    /** OpenAPI v2 is not served: a 404 Status, on which kubectl falls back to v3. */
    @GetMapping("/openapi/v2")
    public ResponseEntity<byte[]> v2() {
        throw ApiException.notFoundPath();
    }
}
