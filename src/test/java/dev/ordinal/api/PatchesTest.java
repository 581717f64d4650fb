package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PatchesTest {

    private static ObjectNode obj(String json) {
        return Json.parse(json.replace('\'', '"'));
    }

    private static JsonNode node(String json) {
        return Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    private static ObjectNode sts() {
        return obj("""
                {'apiVersion':'apps/v1','kind':'StatefulSet',
                 'metadata':{'name':'web','labels':{'app':'web','tier':'db'},'finalizers':['a'],
                   'ownerReferences':[{'uid':'u1','name':'o1'},{'uid':'u2','name':'o2'}]},
                 'spec':{'replicas':3,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
                   'containers':[
                     {'name':'nginx','image':'nginx:1.7.9','ports':[{'containerPort':80,'name':'web'}],
                      'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
                      'volumeMounts':[{'name':'www','mountPath':'/usr/share/nginx/html'}]},
                     {'name':'sidecar','image':'busybox'}],
                   'tolerations':[{'key':'k1','operator':'Exists'}],
                   'volumes':[{'name':'www','emptyDir':{}}]}}},
                 'status':{'conditions':[{'type':'A','status':'True'},{'type':'B','status':'False'}]}}
                """);
    }

    private static JsonNode containers(ObjectNode o) {
        return Json.at(o, "spec", "template", "spec", "containers");
    }

    @Test
    void kubectlClientSideApplyChangesOneImageAndKeepsTheOtherContainer() {
        ObjectNode patch = obj("""
                {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'}},
                 'spec':{'template':{'spec':{
                   '$setElementOrder/containers':[{'name':'nginx'},{'name':'sidecar'}],
                   'containers':[{'image':'nginx:1.9.1','name':'nginx'}]}}}}
                """);
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(containers(out)).hasSize(2);
        assertThat(Json.str(containers(out).get(0), "image")).isEqualTo("nginx:1.9.1");
        assertThat(Json.str(containers(out).get(0), "name")).isEqualTo("nginx");
        assertThat(containers(out).get(0).path("ports").get(0).path("containerPort").asInt()).isEqualTo(80);
        assertThat(Json.str(containers(out).get(1), "name")).isEqualTo("sidecar");
        assertThat(Json.annotation(out, "kubectl.kubernetes.io/last-applied-configuration")).isEqualTo("{}");
        assertThat(out.toString()).doesNotContain("$setElementOrder");
        assertThat(Json.labels(out)).containsEntry("tier", "db");
    }

    @Test
    void setElementOrderReordersTheMergedList() {
        ObjectNode patch = obj("""
                {'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'nginx'}]}}}}
                """);
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(Json.str(containers(out).get(0), "name")).isEqualTo("sidecar");
        assertThat(Json.str(containers(out).get(1), "name")).isEqualTo("nginx");
    }

    @Test
    void patchDeleteDirectiveRemovesOneElementByMergeKey() {
        ObjectNode patch = obj("{'spec':{'template':{'spec':{'containers':[{'$patch':'delete','name':'sidecar'}]}}}}");
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(containers(out)).hasSize(1);
        assertThat(Json.str(containers(out).get(0), "name")).isEqualTo("nginx");
    }

    @Test
    void newElementComesFirstAndCleanOfDirectives() {
        ObjectNode patch = obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'third','image':'x','env':[{'name':'Z','value':'z'},{'$patch':'delete','name':'Q'}]}]}}}}
                """);
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(containers(out)).extracting(c -> Json.str(c, "name")).containsExactly("third", "nginx", "sidecar");
        assertThat(containers(out).get(0).path("env")).hasSize(1);
        assertThat(out.toString()).doesNotContain("$patch");
    }

    @Test
    void envMergesByNameAndNullDeletesAField() {
        ObjectNode patch = obj("""
                {'spec':{'replicas':null,'template':{'spec':{'containers':[{'name':'nginx','env':[{'name':'B','value':'20'},{'name':'C','value':'3'}]}]}}}}
                """);
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(Json.at(out, "spec").has("replicas")).isFalse();
        JsonNode env = containers(out).get(0).path("env");
        assertThat(env).hasSize(3);
        assertThat(Json.str(env.get(1), "value")).isEqualTo("20");
        assertThat(Json.str(env.get(2), "name")).isEqualTo("C");
    }

    @Test
    void containerPortsMergeByContainerPortAndVolumeMountsByMountPath() {
        ObjectNode patch = obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'nginx',
                  'ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}],
                  'volumeMounts':[{'mountPath':'/usr/share/nginx/html','readOnly':true},{'name':'logs','mountPath':'/logs'}]}]}}}}
                """);
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        JsonNode c = containers(out).get(0);
        assertThat(c.path("ports")).hasSize(2);
        assertThat(Json.str(c.path("ports").get(0), "name")).isEqualTo("web");
        assertThat(Json.str(c.path("ports").get(0), "protocol")).isEqualTo("TCP");
        assertThat(c.path("volumeMounts")).hasSize(2);
        assertThat(c.path("volumeMounts").get(0).path("readOnly").asBoolean()).isTrue();
        assertThat(Json.str(c.path("volumeMounts").get(0), "name")).isEqualTo("www");
    }

    @Test
    void tolerationsAndArgsAreReplacedWhole() {
        ObjectNode patch = obj("{'spec':{'template':{'spec':{'tolerations':[{'key':'k2','operator':'Exists'}]}}}}");
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        JsonNode tolerations = Json.at(out, "spec", "template", "spec", "tolerations");
        assertThat(tolerations).hasSize(1);
        assertThat(Json.str(tolerations.get(0), "key")).isEqualTo("k2");
    }

    @Test
    void finalizersAreUnionedAndDeleteFromPrimitiveListRemoves() {
        ObjectNode out = Patches.apply(sts(), obj("{'metadata':{'finalizers':['b','a']}}"), Patches.STRATEGIC);
        // Every value is in the patch, so the patch's order wins (normalizeElementOrder).
        assertThat(Json.strings(out, "metadata", "finalizers")).containsExactly("b", "a");
        out = Patches.apply(out, obj("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}"), Patches.STRATEGIC);
        assertThat(Json.strings(out, "metadata", "finalizers")).containsExactly("b");
    }

    @Test
    void ownerReferencesMergeByUidAndCanBeDeleted() {
        ObjectNode patch = obj("{'metadata':{'ownerReferences':[{'$patch':'delete','uid':'u1'}],'uid':'x'}}");
        ObjectNode out = Patches.apply(sts(), patch, Patches.STRATEGIC);
        assertThat(Json.list(out, "metadata", "ownerReferences")).hasSize(1);
        assertThat(Json.str(Json.list(out, "metadata", "ownerReferences").get(0), "uid")).isEqualTo("u2");
        out = Patches.apply(out, obj("{'metadata':{'ownerReferences':[{'uid':'u3','name':'o3'}]}}"), Patches.STRATEGIC);
        assertThat(Json.list(out, "metadata", "ownerReferences")).hasSize(2);
    }

    @Test
    void conditionsMergeByType() {
        ObjectNode out = Patches.apply(sts(), obj("{'status':{'conditions':[{'type':'B','status':'True'}]}}"),
                Patches.STRATEGIC);
        assertThat(Json.list(out, "status", "conditions")).hasSize(2);
        assertThat(Json.str(Json.list(out, "status", "conditions").get(1), "status")).isEqualTo("True");
    }

    @Test
    void patchReplaceOnAMapReplacesItAndOnAListReplacesTheList() {
        ObjectNode out = Patches.apply(sts(), obj("{'metadata':{'labels':{'$patch':'replace','only':'this'}}}"),
                Patches.STRATEGIC);
        assertThat(Json.labels(out)).containsOnlyKeys("only");
        out = Patches.apply(sts(), obj("""
                {'spec':{'template':{'spec':{'containers':[{'$patch':'replace'},{'name':'solo','image':'x'}]}}}}
                """), Patches.STRATEGIC);
        assertThat(containers(out)).hasSize(1);
        assertThat(Json.str(containers(out).get(0), "name")).isEqualTo("solo");
    }

    @Test
    void patchDeleteOnAMapEmptiesIt() {
        ObjectNode out = Patches.apply(sts(), obj("{'metadata':{'labels':{'$patch':'delete'}}}"), Patches.STRATEGIC);
        assertThat(Json.labels(out)).isEmpty();
    }

    @Test
    void retainKeysDropsFieldsNotListed() {
        ObjectNode current = obj("{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}");
        ObjectNode out = Patches.apply(current, obj("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"),
                Patches.STRATEGIC);
        assertThat(Json.at(out, "spec", "strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
    }

    @Test
    void missingMergeKeyIsABadRequest() {
        assertThatThrownBy(() -> Patches.apply(sts(),
                obj("{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"), Patches.STRATEGIC))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("does not contain declared merge key: name");
                });
    }

    @Test
    void nonObjectPatchBodiesAreBadRequests() {
        assertThatThrownBy(() -> Patches.apply(sts(), node("[1]"), Patches.STRATEGIC))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> Patches.apply(sts(), node("{}"), Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void mergePatchReplacesListsAndDeletesWithNull() {
        ObjectNode out = Patches.apply(sts(), obj("{'metadata':{'labels':{'tier':null}},'spec':{'replicas':5}}"),
                Patches.MERGE);
        assertThat(Json.labels(out)).containsOnlyKeys("app");
        assertThat(Json.integer(out, 0, "spec", "replicas")).isEqualTo(5);
        out = Patches.apply(sts(), obj("{'metadata':{'finalizers':['z']}}"), Patches.MERGE);
        assertThat(Json.strings(out, "metadata", "finalizers")).containsExactly("z");
    }

    @Test
    void applyPatchMergesTheIntent() {
        ObjectNode out = Patches.apply(sts(), obj("""
                {'apiVersion':'apps/v1','kind':'StatefulSet','metadata':{'name':'web'},
                 'spec':{'replicas':4,'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:2'}]}}}}
                """), Patches.APPLY);
        assertThat(Json.integer(out, 0, "spec", "replicas")).isEqualTo(4);
        assertThat(Json.str(containers(out).get(0), "image")).isEqualTo("nginx:2");
        assertThat(containers(out)).hasSize(2);
    }

    @Test
    void jsonPatchOperations() {
        ObjectNode out = Patches.apply(sts(), node("""
                [{'op':'test','path':'/spec/replicas','value':3},
                 {'op':'replace','path':'/spec/replicas','value':5},
                 {'op':'add','path':'/metadata/labels/a~1b','value':'x'},
                 {'op':'add','path':'/metadata/finalizers/-','value':'z'},
                 {'op':'add','path':'/metadata/finalizers/0','value':'first'},
                 {'op':'remove','path':'/metadata/labels/tier'},
                 {'op':'copy','from':'/metadata/name','path':'/metadata/annotations'},
                 {'op':'move','from':'/metadata/annotations','path':'/metadata/generateName'},
                 {'op':'add','path':'/metadata/labels/t~0x','value':'tilde'}]
                """), Patches.JSON_PATCH);
        assertThat(Json.integer(out, 0, "spec", "replicas")).isEqualTo(5);
        assertThat(Json.labels(out)).containsEntry("a/b", "x").containsEntry("t~x", "tilde").doesNotContainKey("tier");
        assertThat(Json.strings(out, "metadata", "finalizers")).containsExactly("first", "a", "z");
        assertThat(Json.str(out, "metadata", "generateName")).isEqualTo("web");
        assertThat(Json.at(out, "metadata").has("annotations")).isFalse();
    }

    @Test
    void jsonPatchFailedTestIsUnprocessableAndChangesNothing() {
        ObjectNode current = sts();
        ObjectNode before = current.deepCopy();
        assertThatThrownBy(() -> Patches.apply(current, node("""
                [{'op':'replace','path':'/spec/replicas','value':9},{'op':'test','path':'/spec/replicas','value':3}]
                """), Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("testing value /spec/replicas failed: test failed");
                });
        assertThat(current).isEqualTo(before);
    }

    @Test
    void jsonPatchMissingPathsAreUnprocessable() {
        assertThatThrownBy(() -> Patches.apply(sts(), node("[{'op':'remove','path':'/metadata/labels/nope'}]"),
                Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo(
                            "jsonpatch remove operation does not apply: doc is missing path: \"/metadata/labels/nope\"");
                });
        assertThatThrownBy(() -> Patches.apply(sts(), node("[{'op':'add','path':'/nope/deeper','value':1}]"),
                Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> Patches.apply(sts(), node("[{'op':'replace','path':'/spec/nope','value':1}]"),
                Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> Patches.apply(sts(),
                node("[{'op':'add','path':'/metadata/finalizers/7','value':1}]"), Patches.JSON_PATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
    }

    @Test
    void malformedJsonPatchesAreBadRequests() {
        for (String bad : new String[]{"[{'op':'frobnicate','path':'/a'}]", "[{'path':'/a'}]",
                "[{'op':'add','path':'no-slash','value':1}]", "[{'op':'add','path':'/a'}]", "[1]"}) {
            assertThatThrownBy(() -> Patches.apply(sts(), node(bad), Patches.JSON_PATCH))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }

    @Test
    void unknownPatchTypeIsUnsupportedMediaType() {
        assertThatThrownBy(() -> Patches.apply(sts(), node("{}"), "text/plain"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    // Upstream's mergeSlice / normalizeElementOrder / mergeSortedSlice ordering (issue 19, item 3). The patch
    // strategies come from the kind's schema, so every stored object names its apiVersion and kind.

    @Test
    void anItemOnlyInThePatchComesBeforeTheItemsOnlyOnTheServer() {
        ObjectNode set = obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'template':{'spec':{'containers':[{'name':'webserver','image':'httpd'}]}}}}");
        ObjectNode patch = obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'registry.k8s.io/pause:3.10'}]}}}}
                """);
        ObjectNode out = Patches.apply(set, patch, Patches.STRATEGIC);
        assertThat(containers(out)).extracting(c -> Json.str(c, "name")).containsExactly("sidecar", "webserver");
    }

    @Test
    void patchItemsKeepThePatchOrderAndServerItemsInterleaveByTheServerOrder() {
        ObjectNode set = obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}}}");
        ObjectNode out = Patches.apply(set, obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'c','image':'x'},{'name':'new'},{'name':'a','image':'y'}]}}}}
                """), Patches.STRATEGIC);
        // Patch items c, new, a keep the patch's order; the server-only b goes before c because the server has b
        // before c (mergeSortedSlice), so upstream gives [b, c, new, a].
        assertThat(containers(out)).extracting(c -> Json.str(c, "name")).containsExactly("b", "c", "new", "a");
    }

    @Test
    void setElementOrderInterleavesServerOnlyItemsByTheirServerPosition() {
        ObjectNode set = obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}}}");
        ObjectNode out = Patches.apply(set, obj("""
                {'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'c'}],
                  'containers':[{'name':'c','image':'z'}]}}}}
                """), Patches.STRATEGIC);
        assertThat(containers(out)).extracting(c -> Json.str(c, "name")).containsExactly("a", "b", "c");
        assertThat(Json.str(containers(out).get(2), "image")).isEqualTo("z");
    }

    @Test
    void setElementOrderPlacesANewItemWhereItSays() {
        ObjectNode set = obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}}}");
        ObjectNode out = Patches.apply(set, obj("""
                {'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'n'},{'name':'b'}],
                  'containers':[{'name':'n','image':'z'}]}}}}
                """), Patches.STRATEGIC);
        assertThat(containers(out)).extracting(c -> Json.str(c, "name")).containsExactly("a", "n", "b");
    }

    @Test
    void mergedPrimitiveListsPutPatchValuesFirst() {
        ObjectNode out = Patches.apply(obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'finalizers':['x','y']}}"),
                obj("{'metadata':{'finalizers':['z','y']}}"), Patches.STRATEGIC);
        assertThat(Json.strings(out, "metadata", "finalizers")).containsExactly("z", "x", "y");
    }

    @Test
    void listKeysComeFromTheKindsSchemaSoPortsMergeByTheirOwnKeyInEachKind() {
        ObjectNode service = obj("""
                {'apiVersion':'v1','kind':'Service','spec':{'ports':[{'port':80,'name':'web'},{'port':443,'name':'tls'}]}}
                """);
        ObjectNode out = Patches.apply(service, obj("{'spec':{'ports':[{'port':443,'targetPort':8443}]}}"),
                Patches.STRATEGIC);
        assertThat(out.path("spec").path("ports")).hasSize(2);
        assertThat(out.path("spec").path("ports").get(1).path("targetPort").asInt()).isEqualTo(8443);
        ObjectNode container = Patches.apply(sts(), obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'nginx','ports':[{'containerPort':443}]}]}}}}
                """), Patches.STRATEGIC);
        assertThat(containers(container).get(0).path("ports")).extracting(p -> p.path("containerPort").asInt())
                .containsExactly(443, 80);
    }

    @Test
    void aListTheSchemaGivesNoStrategyIsReplacedWhole() {
        ObjectNode out = Patches.apply(sts(), obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'nginx','args':['-g']}]}}}}
                """), Patches.STRATEGIC);
        ObjectNode again = Patches.apply(out, obj("""
                {'spec':{'template':{'spec':{'containers':[{'name':'nginx','args':['-v']}]}}}}
                """), Patches.STRATEGIC);
        assertThat(Json.strings(containers(again).get(0), "args")).containsExactly("-v");
    }
}
