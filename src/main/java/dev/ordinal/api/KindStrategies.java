package dev.ordinal.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Finds the {@link KindStrategy} of each kind; kinds without one get plain behaviour. */
@Component
public class KindStrategies {
    private final Map<String, KindStrategy> byKind = new HashMap<>();

    public KindStrategies(List<KindStrategy> strategies) {
        for (KindStrategy s : strategies) {
            byKind.put(s.type().kind(), s);
        }
    }

    public KindStrategy of(ResourceType type) {
        KindStrategy s = byKind.get(type.kind());
        return s != null ? s : () -> type;
    }
}
