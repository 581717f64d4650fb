package dev.ordinal.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.ordinal.api.Codec;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class YamlReaderTest {
    private static JsonNode read(String yaml) {
        return YamlReader.read(yaml);
    }

    @Test
    void aliasesOfMappingsAndScalarsAreResolved() {
        JsonNode n = read("""
                metadata:
                  name: &v web
                  labels: &l {app: web, tier: db}
                spec:
                  serviceName: *v
                  selector:
                    matchLabels: *l
                """);
        assertThat(Json.write(n)).isEqualTo("{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\",\"tier\":\"db\"}},"
                + "\"spec\":{\"serviceName\":\"web\",\"selector\":{\"matchLabels\":{\"app\":\"web\",\"tier\":\"db\"}}}}");
    }

    @Test
    void anAliasIsACopyNotTheSameObject() {
        JsonNode n = read("a: &x {k: v}\nb: *x\n");
        ((tools.jackson.databind.node.ObjectNode) n.get("b")).put("k", "changed");
        assertThat(n.get("a").get("k").asString()).isEqualTo("v");
    }

    @Test
    void mergeKeysMergeWithExplicitKeysWinning() {
        JsonNode n = read("""
                base: &b {image: nginx, name: c}
                one:
                  <<: *b
                  name: d
                two:
                  <<: [*b, {extra: 1}]
                """);
        assertThat(Json.write(n.get("one"))).isEqualTo("{\"name\":\"d\",\"image\":\"nginx\"}");
        assertThat(Json.write(n.get("two"))).isEqualTo("{\"image\":\"nginx\",\"name\":\"c\",\"extra\":1}");
    }

    @Test
    void aBillionLaughsIsRefused() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [*").append(p);
            for (int i = 0; i < 8; i++) {
                y.append(",*").append(p);
            }
            y.append("]\n");
        }
        assertThatThrownBy(() -> read(y.toString())).isInstanceOf(YamlException.class)
                .hasMessage("document contains excessive aliasing");
        assertThatThrownBy(() -> Codec.read(y.toString().getBytes(StandardCharsets.UTF_8), "application/yaml"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("error converting YAML to JSON: yaml: line ")
                            .endsWith(": document contains excessive aliasing");
                });
    }

    @Test
    void aFewHundredAliasesAreFine() {
        StringBuilder y = new StringBuilder("l: &l {app: web}\nitems:\n");
        for (int i = 0; i < 500; i++) {
            y.append("- *l\n");
        }
        assertThat(read(y.toString()).get("items").size()).isEqualTo(500);
    }

    @Test
    void unknownAnchorsAndDeepNestingAreErrors() {
        assertThatThrownBy(() -> read("a: *nope\n")).isInstanceOf(YamlException.class);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> read(deep)).isInstanceOf(YamlException.class)
                .hasMessageContaining("exceeded max depth of " + YamlReader.MAX_DEPTH);
    }

    @Test
    void scalarsResolveByYaml11RulesAsGoYamlV2Does() {
        JsonNode n = read("""
                a: yes
                b: off
                c: 010
                d: 0x1F
                e: 1_000
                f: 1.0
                g: 1.5
                h: ~
                i: "yes"
                j: !!str 10
                k: !!int "12"
                l: 2001-12-14
                m: 9223372036854775808
                p: -0.5e1
                o: 08
                n: no-key-is-a-bool
                """);
        assertThat(Json.write(n)).isEqualTo("{\"a\":true,\"b\":false,\"c\":8,\"d\":31,\"e\":1000,\"f\":1,\"g\":1.5,"
                + "\"h\":null,\"i\":\"yes\",\"j\":\"10\",\"k\":12,\"l\":\"2001-12-14\",\"m\":9223372036854775808,"
                + "\"p\":-5,\"o\":8,\"false\":\"no-key-is-a-bool\"}");
    }

    @Test
    void nonStringKeysBecomeStrings() {
        assertThat(Json.write(read("1: a\ntrue: b\nnull: c\n"))).isEqualTo("{\"1\":\"a\",\"true\":\"b\",\"null\":\"c\"}");
    }

    @Test
    void onlyTheFirstDocumentIsRead() {
        assertThat(Json.write(read("a: 1\n---\nb: 2\n"))).isEqualTo("{\"a\":1}");
        assertThat(read("")).isNull();
    }

    @Test
    void aThreeMebibyteManifestParsesInWellUnderASecond() {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  annotations:\n");
        int i = 0;
        while (y.length() < 3 * 1024 * 1024 - 200) {
            y.append("    key-").append(i++).append(": \"value number ").append(i).append(" of many\"\n");
        }
        assertFastEnough(y.toString(), i);
        // One long scalar was the pathological case: quadratic with snakeyaml-engine's default 1 KiB buffer.
        StringBuilder word = new StringBuilder("metadata:\n  name: big\n  annotations:\n    a: ");
        while (word.length() < 3 * 1024 * 1024 - 200) {
            word.append("lol");
        }
        assertFastEnough(word.append("\n").toString(), 1);
    }

    /** Measured in CPU time, not wall time, since the build machine is shared. */
    private static void assertFastEnough(String text, int annotations) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        read(text); // warm up
        long t0 = mx.getCurrentThreadCpuTime();
        JsonNode n = read(text);
        long ms = (mx.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertThat(n.get("metadata").get("annotations").size()).isEqualTo(annotations);
        assertThat(ms).as("CPU milliseconds to parse 3 MiB").isLessThan(1000);
    }
}
