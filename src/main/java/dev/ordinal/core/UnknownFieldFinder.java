package dev.ordinal.core;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * A kind's own way of finding the fields its schema does not declare, for kinds whose write path prunes by a schema
 * of their own (custom resources): the dotted paths of exactly the fields the write would drop.
 */
@FunctionalInterface
public interface UnknownFieldFinder {

    /** The undeclared fields of {@code copy}, which the finder may change (it is the caller's copy). */
    List<String> unknownFields(ObjectNode copy);
}
