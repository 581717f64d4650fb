package dev.ordinal.configmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.ordinal.api.ProtobufEnvelope;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ProtobufFields;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** ConfigMaps and Secrets sent as protobuf (kubectl create configmap|secret) decode by their definitions' fields. */
class ConfigMapProtobufTest {

    /** A protobuf message under construction: fields appended in wire format. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Message bytes(int field, byte[] value) {
            varint((long) field << 3 | 2).varint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.build());
        }

        Message bool(int field, boolean value) {
            return varint((long) field << 3).varint(value ? 1 : 0);
        }

        Message entry(int field, String key, String value) {
            return message(field, new Message().string(1, key).string(2, value));
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    private static byte[] envelope(String kind, Message object) {
        Message unknown = new Message()
                .message(1, new Message().string(1, "v1").string(2, kind))
                .message(2, object);
        byte[] body = unknown.build();
        byte[] out = new byte[body.length + 4];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, out, 0, 4);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    private static ObjectNode decode(byte[] body) {
        return ProtobufEnvelope.decode(body, (apiVersion, kind) -> switch (kind) {
            case "ConfigMap" -> ConfigMapKinds.CONFIG_MAP_PROTOBUF;
            case "Secret" -> ConfigMapKinds.SECRET_PROTOBUF;
            default -> ProtobufFields.NONE;
        });
    }

    @Test
    void aConfigMapsDataBinaryDataAndImmutableDecodeAsTheDefinitionNumbersThem() {
        ObjectNode cm = decode(envelope("ConfigMap", new Message()
                .message(1, new Message().string(1, "settings").string(3, "team"))
                .entry(2, "mode", "fast")
                .entry(3, "blob", "hi")
                .bool(4, true)
                .message(3, new Message().string(1, "ignored status"))));

        assertThat(Json.name(cm)).isEqualTo("settings");
        assertThat(Json.namespace(cm)).isEqualTo("team");
        assertThat(Json.str(cm, "data", "mode")).isEqualTo("fast");
        assertThat(Json.str(cm, "binaryData", "blob")).isEqualTo("aGk=");
        assertThat(Json.bool(cm, "immutable")).isTrue();
        assertThat(cm.has("status")).isFalse();
    }

    @Test
    void aSecretsDataIsBase64AndItsStringDataAndTypeArePlain() {
        ObjectNode secret = decode(envelope("Secret", new Message()
                .message(1, new Message().string(1, "creds"))
                .entry(2, "password", "s3cret")
                .string(3, "Opaque")
                .entry(4, "user", "admin")));

        assertThat(Json.str(secret, "data", "password")).isEqualTo("czNjcmV0");
        assertThat(Json.str(secret, "type")).isEqualTo("Opaque");
        assertThat(Json.str(secret, "stringData", "user")).isEqualTo("admin");
    }

    @Test
    void aFieldTheKindDoesNotDeclareIsRefusedRatherThanLost() {
        byte[] pod = envelope("Pod", new Message()
                .message(1, new Message().string(1, "web"))
                .message(2, new Message().string(1, "a container list")));

        assertThatThrownBy(() -> decode(pod)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
    }
}
