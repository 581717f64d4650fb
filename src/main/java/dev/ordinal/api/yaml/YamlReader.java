package dev.ordinal.api.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the first YAML document of a request body into a JSON tree the way the API server does (sigs.k8s.io/yaml
 * over go-yaml v2): anchors and aliases are resolved, merge keys ({@code <<: *base}) merged, scalars resolved by YAML
 * 1.1 rules ({@link YamlScalars}).
 *
 * <p>Bounded against hostile input: the tree is built from the parser's event stream with an explicit stack (no
 * recursion, nesting deeper than {@link #MAX_DEPTH} is refused), and alias expansion follows go-yaml's
 * "excessive aliasing" rule (the share of nodes produced by aliases may not exceed a ratio that falls from 99% to
 * 10% as the document grows) plus an absolute cap of {@link #MAX_NODES} nodes, so no document expands to more than
 * the largest body one could send without aliases.
 */
public final class YamlReader {
    /** As deep as Jackson lets a JSON body nest. */
    public static final int MAX_DEPTH = tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH;
    /** One node per byte of the largest accepted body. */
    public static final long MAX_NODES = 3L * 1024 * 1024;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlReader() {
    }

    /** The first document as a JSON tree, or null when the stream holds no document. */
    public static JsonNode read(String text) {
        JsonNode json = asJson(text);
        if (json != null) {
            return json;
        }
        // The whole text in one buffer: with snakeyaml-engine's default 1 KiB window, every refill copies the token
        // being scanned, so one long scalar (a 3 MiB word) took seconds to minutes; with it, well under one.
        LoadSettings settings = LoadSettings.builder()
                .setCodePointLimit(Integer.MAX_VALUE) // the body size limit bounds the input
                .setBufferSize(text.length() + 1)
                .setAllowDuplicateKeys(true)
                .setParseComments(false)
                .build();
        try {
            return new Builder().build(new Parse(settings).parseString(text));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(-1);
            throw new YamlException(String.valueOf(e.getProblem()), line);
        } catch (YamlEngineException e) {
            throw new YamlException(String.valueOf(e.getMessage()));
        }
    }

    /**
     * JSON is YAML, and reads the same either way, but Jackson's JSON parser reads it an order of magnitude faster
     * (kubectl sends JSON even as {@code application/apply-patch+yaml}). Null when the text is not JSON.
     */
    private static JsonNode asJson(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')) {
            return null;
        }
        try {
            return dev.ordinal.core.Json.MAPPER.readTree(text);
        } catch (tools.jackson.core.JacksonException notJson) {
            return null;
        }
    }

    /** A collection being built: its node, its anchor, the key waiting for a value, and merges to apply at the end. */
    private static final class Frame {
        final JsonNode node;
        final String anchor;
        final long countAtStart;
        String key;
        boolean mergeKey;
        List<JsonNode> merges;

        Frame(JsonNode node, String anchor, long countAtStart) {
            this.node = node;
            this.anchor = anchor;
            this.countAtStart = countAtStart;
        }
    }

    private record Anchored(JsonNode node, long size) {
    }

    private static final class Builder {
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private long decodeCount;
        private long aliasCount;
        private JsonNode root;
        private boolean done;

        JsonNode build(Iterable<Event> events) {
            for (Event e : events) {
                switch (e.getEventId()) {
                    case Scalar -> scalar((ScalarEvent) e);
                    case Alias -> alias((AliasEvent) e);
                    case SequenceStart -> start((CollectionStartEvent) e, F.arrayNode());
                    case MappingStart -> start((CollectionStartEvent) e, F.objectNode());
                    case SequenceEnd, MappingEnd -> end(e);
                    case DocumentEnd -> done = true;
                    default -> {
                    }
                }
                if (done) {
                    break;
                }
            }
            return root;
        }

        private void scalar(ScalarEvent e) {
            decodeCount++;
            String tag = e.getTag().filter(t -> !t.equals("!")).orElse(null);
            JsonNode value;
            boolean merge = false;
            if (tag != null) {
                value = YamlScalars.tagged(tag, e.getValue(), e.isPlain());
            } else if (e.isPlain()) {
                merge = e.getValue().equals("<<");
                value = merge ? F.stringNode("<<") : YamlScalars.plain(e.getValue());
            } else {
                value = F.stringNode(e.getValue());
            }
            e.getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Anchored(value, 1)));
            add(value, merge, e);
        }

        private void alias(AliasEvent e) {
            String name = e.getAnchor().map(a -> a.getValue()).orElse("");
            Anchored target = anchors.get(name);
            if (target == null) {
                throw new YamlException("unknown anchor '" + name + "' referenced", line(e));
            }
            // As go-yaml counts: the alias node itself, then every node of its target, all of those as aliased.
            decodeCount += 1 + target.size();
            aliasCount += target.size();
            checkAliasing(e);
            add(target.node().isContainer() ? target.node().deepCopy() : target.node(), false, e);
        }

        private void start(CollectionStartEvent e, JsonNode node) {
            decodeCount++;
            if (stack.size() >= MAX_DEPTH) {
                throw new YamlException("exceeded max depth of " + MAX_DEPTH, line(e));
            }
            stack.push(new Frame(node, e.getAnchor().map(a -> a.getValue()).orElse(null), decodeCount - 1));
        }

        private void end(Event e) {
            Frame f = stack.pop();
            if (f.merges != null) {
                ObjectNode target = (ObjectNode) f.node;
                for (JsonNode source : f.merges) {
                    for (Map.Entry<String, JsonNode> p : source.properties()) {
                        if (!target.has(p.getKey())) {
                            target.set(p.getKey(), p.getValue());
                        }
                    }
                }
            }
            if (f.anchor != null) {
                anchors.put(f.anchor, new Anchored(f.node, decodeCount - f.countAtStart));
            }
            add(f.node, false, e);
        }

        /** go-yaml v2's rule against alias bombs, and the absolute cap. */
        private void checkAliasing(Event e) {
            boolean excessive = aliasCount > 100 && decodeCount > 1000
                    && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount);
            if (excessive || decodeCount > MAX_NODES) {
                throw new YamlException("document contains excessive aliasing", line(e));
            }
        }

        private static double allowedAliasRatio(long decodeCount) {
            if (decodeCount <= 400_000) {
                return 0.99;
            }
            if (decodeCount >= 4_000_000) {
                return 0.10;
            }
            return 0.99 - 0.89 * ((double) (decodeCount - 400_000) / 3_600_000);
        }

        private void add(JsonNode value, boolean mergeKey, Event e) {
            Frame f = stack.peek();
            if (f == null) {
                root = value;
                return;
            }
            if (f.node instanceof ArrayNode a) {
                a.add(value);
                return;
            }
            if (f.key == null && !f.mergeKey) {
                if (value.isContainer()) {
                    throw new YamlException("invalid map key: " + YamlScalars.abbreviate(value.toString()), line(e));
                }
                f.mergeKey = mergeKey;
                f.key = mergeKey ? null : YamlScalars.key(value);
                return;
            }
            if (f.mergeKey) {
                f.mergeKey = false;
                merge(f, value, e);
                return;
            }
            ((ObjectNode) f.node).set(f.key, value);
            f.key = null;
        }

        private void merge(Frame f, JsonNode value, Event e) {
            if (f.merges == null) {
                f.merges = new ArrayList<>();
            }
            if (value.isObject()) {
                f.merges.add(value);
                return;
            }
            if (value.isArray()) {
                for (JsonNode m : value) {
                    if (!m.isObject()) {
                        throw new YamlException("map merge requires map or sequence of maps as the value", line(e));
                    }
                    f.merges.add(m);
                }
                return;
            }
            throw new YamlException("map merge requires map or sequence of maps as the value", line(e));
        }

        private static int line(Event e) {
            return e.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(-1);
        }
    }
}
