package dev.ordinal.statefulset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the planner decides from, read at one moment.
 *
 * @param set       the StatefulSet as stored
 * @param pods      the pods it controls plus orphans in its namespace that it may adopt (selector and name match)
 * @param claims    the claims whose names follow {@code {template}-{set}-{ordinal}}, by name
 * @param revisions the ControllerRevisions it controls
 * @param now       the time of the snapshot, for minReadySeconds
 */
public record StatefulSetSnapshot(ObjectNode set, List<ObjectNode> pods, Map<String, ObjectNode> claims,
                                  List<ObjectNode> revisions, Instant now) {
    public StatefulSetSnapshot {
        pods = List.copyOf(pods);
        claims = Map.copyOf(claims);
        revisions = List.copyOf(revisions);
    }
}
