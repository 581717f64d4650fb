package dev.ordinal.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;

import dev.ordinal.core.Json;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's audit log for writes, at level Metadata: one {@code audit.k8s.io/v1} Event per completed create,
 * update, patch, delete or deletecollection (who, the verb, the object, the response code), as a JSON line appended
 * to {@code ordinal.audit.log-path}, a file only its owner can read. Reads and watches are not recorded. Disabled
 * when no path is set.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final String EVENT = AuditLog.class.getName() + ".event";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final OutputStream out;
    private final Clock clock;

    /** An audit log appending to {@code path}, or a disabled one when it is null. */
    public AuditLog(Path path, Clock clock) throws IOException {
        this.clock = clock;
        if (path == null) {
            this.out = null;
            return;
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        if (!Files.exists(path) && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        this.out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @PreDestroy
    void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** Whether a request with these attributes is recorded. */
    public boolean records(RequestAttributes a) {
        return out != null && a.resourceRequest() && WRITES.contains(a.verb());
    }

    /** Notes what a request is, when it was received, and by whom (before impersonation). */
    void started(HttpServletRequest request, UserInfo authenticated, RequestAttributes a) {
        ObjectNode e = Json.object();
        e.put("kind", "Event");
        e.put("apiVersion", "audit.k8s.io/v1");
        e.put("level", "Metadata");
        e.put("auditID", UUID.randomUUID().toString());
        e.put("stage", "ResponseComplete");
        String uri = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        e.put("requestURI", uri);
        e.put("verb", a.verb());
        user(e.putObject("user"), authenticated);
        if (!authenticated.equals(a.user())) {
            user(e.putObject("impersonatedUser"), a.user());
        }
        e.putArray("sourceIPs").add(request.getRemoteAddr());
        if (request.getHeader("User-Agent") != null) {
            e.put("userAgent", request.getHeader("User-Agent"));
        }
        ObjectNode ref = e.putObject("objectRef");
        ref.put("resource", a.resource());
        putIfSet(ref, "namespace", a.namespace());
        putIfSet(ref, "name", a.name());
        putIfSet(ref, "apiGroup", a.apiGroup());
        ref.put("apiVersion", a.apiVersion());
        putIfSet(ref, "subresource", a.subresource());
        e.put("requestReceivedTimestamp", MICROS.format(clock.instant()));
        request.setAttribute(EVENT, e);
    }

    /** Appends the request's event with its response code. */
    void completed(HttpServletRequest request, int code) {
        if (!(request.getAttribute(EVENT) instanceof ObjectNode e)) {
            return;
        }
        request.removeAttribute(EVENT);
        if (request.getAttribute(dev.ordinal.api.ResourceApiController.CREATED_NAME) instanceof String name
                && e.path("objectRef").isObject() && !e.path("objectRef").has("name")) {
            ((ObjectNode) e.get("objectRef")).put("name", name);
        }
        ObjectNode status = e.putObject("responseStatus");
        status.putObject("metadata");
        status.put("code", code);
        e.put("stageTimestamp", MICROS.format(Instant.now(clock)));
        byte[] line = (Json.write(e) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException ex) {
                log.warn("could not write the audit log: {}", ex.toString());
            }
        }
    }

    private static void user(ObjectNode u, UserInfo user) {
        u.put("username", user.name());
        putIfSet(u, "uid", user.uid());
        ArrayNode groups = u.putArray("groups");
        user.groups().forEach(groups::add);
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }
}
