package dev.ordinal.node;

import java.util.List;

import dev.ordinal.controller.Taints;

/** What the node lifecycle controller does to a node and its pods; decided by {@link NodeLifecyclePlanner}. */
public sealed interface NodeLifecycleAction {

    /** The kubelet stopped posting status: every node condition becomes Unknown, with a NodeNotReady event. */
    record MarkNodeUnreachable() implements NodeLifecycleAction {
    }

    /** Replaces the node's taints with these (the controller's own keys changed, the others kept). */
    record SetTaints(List<Taints.Taint> taints) implements NodeLifecycleAction {
    }

    /** The pod's Ready condition becomes False, with a NodeNotReady event on the pod. */
    record MarkPodNotReady(String namespace, String name, String uid) implements NodeLifecycleAction {
    }

    /** Taint-based eviction: the pod is deleted (gracefully), with a TaintManagerEviction event. */
    record EvictPod(String namespace, String name, String uid) implements NodeLifecycleAction {
    }

    /**
     * The pod GC's step for a node that is out of service (KEP-2268): a pod still terminating there is removed at
     * once, since no kubelet will ever confirm it stopped.
     */
    record ForceDeletePod(String namespace, String name, String uid) implements NodeLifecycleAction {
    }
}
