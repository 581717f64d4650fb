package dev.ordinal.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Kubernetes protobuf envelope ({@code k8s\0} + {@code runtime.Unknown}) that kubectl's typed clients send
 * for some commands, such as {@code kubectl create namespace}. Only the type and the object's metadata (name,
 * generateName, namespace, labels, annotations, finalizers) are decoded, and the data of ConfigMaps and Secrets
 * ({@code kubectl create configmap|secret}); an object that carries anything else beyond its metadata is refused with
 * 415, so nothing a client sent is silently lost.
 */
public final class ProtobufEnvelope {
    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufEnvelope() {
    }

    public static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    /** Decodes the envelope into a JSON object with apiVersion, kind and metadata. */
    public static ObjectNode decode(byte[] body) {
        if (body == null || body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes envelope");
        }
        Reader unknown = new Reader(body, 4, body.length);
        ObjectNode obj = Json.object();
        byte[] raw = null;
        while (unknown.more()) {
            int tag = unknown.tag();
            if (tag >> 3 == 1 && (tag & 7) == 2) {
                Reader typeMeta = unknown.message();
                while (typeMeta.more()) {
                    int t = typeMeta.tag();
                    if (t >> 3 == 1) {
                        obj.put("apiVersion", typeMeta.string());
                    } else if (t >> 3 == 2) {
                        obj.put("kind", typeMeta.string());
                    } else {
                        typeMeta.skip(t);
                    }
                }
            } else if (tag >> 3 == 2 && (tag & 7) == 2) {
                raw = unknown.bytes();
            } else {
                unknown.skip(tag);
            }
        }
        if (raw == null) {
            throw ApiException.badRequest("the protobuf envelope carries no object");
        }
        Reader object = new Reader(raw, 0, raw.length);
        while (object.more()) {
            int tag = object.tag();
            if (tag >> 3 == 1 && (tag & 7) == 2) {
                obj.set("metadata", metadata(object.message()));
            } else if (tag >> 3 == 2 && (tag & 7) == 2 && REVIEW_SPECS.containsKey(Json.str(obj, "kind"))) {
                obj.set("spec", fields(object.message(), REVIEW_SPECS.get(Json.str(obj, "kind"))));
            } else if (dataField(obj, object, tag)) {
                continue;
            } else if ((tag & 7) == 2) {
                // Status is reset on create anyway; a namespace's spec only holds defaulted finalizers.
                byte[] part = object.bytes();
                boolean ignorable = tag >> 3 == 3 || "Namespace".equals(Json.str(obj, "kind"));
                if (part.length > 0 && !ignorable) {
                    throw ApiException.unsupportedMediaType(CONTENT_TYPE + " (only metadata can be read from "
                            + "protobuf; send this object as JSON or YAML)");
                }
            } else {
                object.skip(tag);
            }
        }
        return obj;
    }

    /**
     * The access reviews kubectl sends as protobuf ({@code kubectl auth can-i}): their specs are small trees of
     * strings, read by field number (a String[] names string fields; a nested Object[] pair names a message).
     */
    private static final java.util.Map<String, Object[]> REVIEW_SPECS = java.util.Map.of(
            "SelfSubjectAccessReview", new Object[]{
                    new Object[]{"resourceAttributes", new Object[]{"namespace", "verb", "group", "version", "resource",
                            "subresource", "name"}},
                    new Object[]{"nonResourceAttributes", new Object[]{"path", "verb"}}},
            "SelfSubjectRulesReview", new Object[]{"namespace"});

    /** Reads a message whose field n (from 1) is described by {@code names[n - 1]}; unknown fields are skipped. */
    private static ObjectNode fields(Reader r, Object[] names) {
        ObjectNode out = Json.object();
        while (r.more()) {
            int tag = r.tag();
            int field = tag >> 3;
            Object name = field >= 1 && field <= names.length && (tag & 7) == 2 ? names[field - 1] : null;
            if (name instanceof String s) {
                out.put(s, r.string());
            } else if (name instanceof Object[] nested) {
                out.set((String) nested[0], fields(r.message(), (Object[]) nested[1]));
            } else {
                r.skip(tag);
            }
        }
        return out;
    }

    /**
     * Reads one field of a ConfigMap (data = 2, binaryData = 3, immutable = 4) or a Secret (data = 2, type = 3,
     * stringData = 4, immutable = 5), as k8s.io/api/core/v1/generated.proto numbers them; bytes become base64 as in
     * JSON. Returns false for any other field.
     */
    private static boolean dataField(ObjectNode obj, Reader r, int tag) {
        String kind = Json.str(obj, "kind");
        int field = tag >> 3;
        boolean configMap = "ConfigMap".equals(kind);
        boolean secret = "Secret".equals(kind);
        if (!configMap && !secret) {
            return false;
        }
        if ((tag & 7) == 0 && field == (configMap ? 4 : 5)) {
            obj.put("immutable", r.varint() != 0);
            return true;
        }
        if ((tag & 7) != 2) {
            return false;
        }
        if (secret && field == 3) {
            obj.put("type", r.string());
            return true;
        }
        String name;
        boolean binary;
        if (field == 2) {
            name = "data";
            binary = secret;
        } else if (configMap && field == 3) {
            name = "binaryData";
            binary = true;
        } else if (secret && field == 4) {
            name = "stringData";
            binary = false;
        } else {
            return false;
        }
        Reader entry = r.message();
        String key = null;
        byte[] value = new byte[0];
        while (entry.more()) {
            int t = entry.tag();
            if (t >> 3 == 1) {
                key = entry.string();
            } else if (t >> 3 == 2) {
                value = entry.bytes();
            } else {
                entry.skip(t);
            }
        }
        if (key != null) {
            Json.with(obj, name).put(key, binary ? java.util.Base64.getEncoder().encodeToString(value)
                    : new String(value, StandardCharsets.UTF_8));
        }
        return true;
    }

    private static ObjectNode metadata(Reader r) {
        ObjectNode meta = Json.object();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >> 3) {
                case 1 -> meta.put("name", r.string());
                case 2 -> {
                    // Go's protobuf writes empty strings too; an empty generateName is no generateName.
                    String generateName = r.string();
                    if (!generateName.isEmpty()) {
                        meta.put("generateName", generateName);
                    }
                }
                case 3 -> meta.put("namespace", r.string());
                case 11, 12 -> {
                    Reader entry = r.message();
                    String key = null;
                    String value = "";
                    while (entry.more()) {
                        int t = entry.tag();
                        if (t >> 3 == 1) {
                            key = entry.string();
                        } else if (t >> 3 == 2) {
                            value = entry.string();
                        } else {
                            entry.skip(t);
                        }
                    }
                    if (key != null) {
                        Json.with(meta, (tag >> 3) == 11 ? "labels" : "annotations").put(key, value);
                    }
                }
                case 14 -> {
                    if (!meta.has("finalizers")) {
                        meta.putArray("finalizers");
                    }
                    ((tools.jackson.databind.node.ArrayNode) meta.get("finalizers")).add(r.string());
                }
                default -> r.skip(tag);
            }
        }
        return meta;
    }

    /** A cursor over protobuf wire format. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long result = 0;
            int shift = 0;
            while (true) {
                if (pos >= end || shift > 63) {
                    throw ApiException.badRequest("malformed protobuf body");
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        byte[] bytes() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) {
                throw ApiException.badRequest("malformed protobuf body");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(len);
            out.write(buf, pos, len);
            pos += len;
            return out.toByteArray();
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) {
                throw ApiException.badRequest("malformed protobuf body");
            }
            Reader r = new Reader(buf, pos, pos + len);
            pos += len;
            return r;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw ApiException.badRequest("malformed protobuf body");
            }
            if (pos > end) {
                throw ApiException.badRequest("malformed protobuf body");
            }
        }
    }
}
