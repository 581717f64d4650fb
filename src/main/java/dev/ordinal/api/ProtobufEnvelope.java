package dev.ordinal.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ProtobufFields;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Kubernetes protobuf envelope ({@code k8s\0} + {@code runtime.Unknown}) that kubectl's typed clients send
 * for some commands, such as {@code kubectl create namespace}. The type and the object's metadata (name,
 * generateName, namespace, labels, annotations, finalizers) are decoded for every kind; the fields after the metadata
 * are decoded as the kind describes them ({@link ProtobufFields}, e.g. the data of ConfigMaps and Secrets for
 * {@code kubectl create configmap|secret}, declared on their definitions). The status (field 3) is dropped, as create
 * resets it; an object that carries any other field is refused with 415, so nothing a client sent is silently lost.
 */
public final class ProtobufEnvelope {
    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final int METADATA = 1;
    private static final int STATUS = 3;

    private ProtobufEnvelope() {
    }

    public static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    /**
     * Decodes the envelope into a JSON object with apiVersion, kind, metadata and the fields {@code fieldsOf} gives for
     * the envelope's apiVersion and kind ({@link ProtobufFields#NONE} for metadata only).
     */
    public static ObjectNode decode(byte[] body, BiFunction<String, String, ProtobufFields> fieldsOf) {
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
        ProtobufFields fields = fieldsOf.apply(Json.str(obj, "apiVersion"), Json.str(obj, "kind"));
        Reader object = new Reader(raw, 0, raw.length);
        while (object.more()) {
            int tag = object.tag();
            Optional<ProtobufFields.Field> declared = fields == null ? Optional.empty() : fields.field(tag >> 3);
            if (tag >> 3 == METADATA && (tag & 7) == 2) {
                obj.set("metadata", metadata(object.message()));
            } else if (declared.isPresent() && declared.get().wireType() == (tag & 7)) {
                read(obj, declared.get(), object);
            } else if ((tag & 7) == 2) {
                // Status is reset on create anyway.
                byte[] part = object.bytes();
                if (part.length > 0 && tag >> 3 != STATUS) {
                    throw ApiException.unsupportedMediaType(CONTENT_TYPE + " (only metadata can be read from "
                            + "protobuf; send this object as JSON or YAML)");
                }
            } else {
                object.skip(tag);
            }
        }
        return obj;
    }

    /** Reads a nested message: its declared fields, each with the wire type it is declared with; others skipped. */
    private static ObjectNode message(Reader r, ProtobufFields fields) {
        ObjectNode out = Json.object();
        while (r.more()) {
            int tag = r.tag();
            Optional<ProtobufFields.Field> declared = fields.field(tag >> 3);
            if (declared.isPresent() && declared.get().wireType() == (tag & 7)) {
                read(out, declared.get(), r);
            } else {
                r.skip(tag);
            }
        }
        return out;
    }

    /** Reads one declared field into {@code out}; bytes become base64, as in JSON. */
    private static void read(ObjectNode out, ProtobufFields.Field field, Reader r) {
        switch (field.type()) {
            case STRING -> out.put(field.name(), r.string());
            case BOOL -> out.put(field.name(), r.varint() != 0);
            case MESSAGE -> out.set(field.name(), message(r.message(), field.message()));
            case IGNORED -> r.bytes();
            case STRING_MAP, BYTES_MAP -> {
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
                    Json.with(out, field.name()).put(key, field.type() == ProtobufFields.Type.BYTES_MAP
                            ? Base64.getEncoder().encodeToString(value) : new String(value, StandardCharsets.UTF_8));
                }
            }
        }
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
