package dev.ordinal.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the fields of a kind's object after its metadata read from Kubernetes' protobuf encoding, numbered as
 * {@code k8s.io/api/.../generated.proto} numbers them: the part of a kind's protobuf message Ordinal decodes from
 * the envelope kubectl's typed clients send ({@code kubectl create namespace|configmap|secret}). A kind declares
 * its fields on its {@link KindDefinition}; the API's decoder reads metadata (field 1) for every kind, skips the
 * status (field 3 of a top-level object), reads the fields declared here and refuses an object that carries any other
 * field, so nothing a client sent is silently lost. Build one with {@link #builder()}.
 *
 * @param fields the declared fields, by field number
 */
public record ProtobufFields(Map<Integer, Field> fields) {
    /** No fields beyond metadata: the default of a kind that declares none. */
    public static final ProtobufFields NONE = new ProtobufFields(Map.of());

    public ProtobufFields {
        fields = Map.copyOf(fields);
    }

    /** How a field's wire value becomes JSON. */
    public enum Type {
        /** A string. */
        STRING,
        /** A bool (a varint), e.g. {@code immutable}. */
        BOOL,
        /** A {@code map<string, string>}: an object of strings. */
        STRING_MAP,
        /** A {@code map<string, bytes>}: an object of base64 strings, as JSON writes bytes. */
        BYTES_MAP,
        /** A nested message, read by {@link Field#message()}; its undeclared fields are skipped. */
        MESSAGE,
        /** A message that is accepted and dropped (a Namespace's spec holds only defaulted finalizers). */
        IGNORED
    }

    /**
     * One declared field.
     *
     * @param name    the JSON property it becomes (unused for {@link Type#IGNORED})
     * @param type    how it reads
     * @param message the fields of a {@link Type#MESSAGE}, else null
     */
    public record Field(String name, Type type, ProtobufFields message) {
        /** The wire type the field is encoded with: 0 (varint) for a bool, 2 (length-delimited) otherwise. */
        public int wireType() {
            return type == Type.BOOL ? 0 : 2;
        }
    }

    /** The field numbered {@code number}, if declared. */
    public Optional<Field> field(int number) {
        return Optional.ofNullable(fields.get(number));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields, each under its number. */
    public static final class Builder {
        private final Map<Integer, Field> fields = new LinkedHashMap<>();

        public Builder string(int number, String name) {
            return add(number, new Field(name, Type.STRING, null));
        }

        public Builder bool(int number, String name) {
            return add(number, new Field(name, Type.BOOL, null));
        }

        public Builder stringMap(int number, String name) {
            return add(number, new Field(name, Type.STRING_MAP, null));
        }

        public Builder bytesMap(int number, String name) {
            return add(number, new Field(name, Type.BYTES_MAP, null));
        }

        public Builder message(int number, String name, ProtobufFields message) {
            return add(number, new Field(name, Type.MESSAGE, message));
        }

        public Builder ignored(int number) {
            return add(number, new Field(null, Type.IGNORED, null));
        }

        private Builder add(int number, Field field) {
            fields.put(number, field);
            return this;
        }

        public ProtobufFields build() {
            return new ProtobufFields(fields);
        }
    }
}
