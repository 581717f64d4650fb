package dev.ordinal.auth;

import java.util.List;

/**
 * Decides whether a user may do what a request asks, and lists what a user may do in a namespace (for
 * {@code SelfSubjectRulesReview}). Implementations: RBAC, or allow-all when no authentication is configured.
 */
public interface Authorizer {

    /** Whether {@code request} is allowed, and why (the reason may be empty). */
    Decision authorize(RequestAttributes request);

    /** The rules that apply to {@code user} in {@code namespace} (cluster-wide rules included). */
    Rules rulesFor(UserInfo user, String namespace);

    /** A decision with the authorizer's reason, as Kubernetes reports it in access reviews and 403 messages. */
    record Decision(boolean allowed, String reason) {
    }

    /** A rule about resources. */
    record ResourceRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                        List<String> resourceNames) {
    }

    /** A rule about non-resource paths. */
    record NonResourceRule(List<String> verbs, List<String> nonResourceURLs) {
    }

    /** What a user may do; {@code incomplete} when some rules could not be read (a binding to a missing role). */
    record Rules(List<ResourceRule> resourceRules, List<NonResourceRule> nonResourceRules, boolean incomplete,
                 String evaluationError) {
    }

    /** Kubernetes' {@code AlwaysAllow} authorizer: every request is allowed. */
    Authorizer ALLOW_ALL = new Authorizer() {
        @Override
        public Decision authorize(RequestAttributes request) {
            return new Decision(true, "");
        }

        @Override
        public Rules rulesFor(UserInfo user, String namespace) {
            return new Rules(List.of(new ResourceRule(List.of("*"), List.of("*"), List.of("*"), List.of())),
                    List.of(new NonResourceRule(List.of("*"), List.of("*"))), false, "");
        }
    };
}
