package dev.ordinal.pod;

import java.util.Map;

import dev.ordinal.api.ApiException;
import dev.ordinal.api.ResourceType;
import dev.ordinal.core.SubresourceHandler;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;

/**
 * The {@code pods/log} subresource ({@code GET .../pods/{name}/log}): the simulated container log as plain text, with
 * kubectl's {@code container}, {@code timestamps} and {@code tailLines} parameters.
 */
@Component("podLog")
class PodLogSubresource implements SubresourceHandler {
    private final ResourceStore store;

    PodLogSubresource(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Reply get(ResourceType type, String namespace, String name, Map<String, String> params) {
        String tail = params.get("tailLines");
        return Reply.text(PodLogs.logs(store.get(type, namespace, name), params.get("container"),
                truthy(params.get("timestamps")), tail == null ? null : tailLines(tail)));
    }

    private static boolean truthy(String v) {
        return v != null && (v.equals("true") || v.equals("1"));
    }

    private static int tailLines(String v) {
        if (v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid tailLines: " + v);
        }
    }
}
