package dev.ordinal.api;

import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's query parameters and headers as Spring MVC's {@code @RequestParam Map<String, String>} and
 * {@code @RequestHeader String} arguments give them, read straight from the request. The GET handler reads them
 * here: resolving those arguments (generic types, a data binder per header) cost more per cached GET than finding
 * the object.
 */
final class RequestValues {
    private RequestValues() {
    }

    /** Each query parameter's first value, in the order they came, as {@code @RequestParam Map<String, String>}. */
    static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String[]> all = request.getParameterMap();
        Map<String, String> first = new LinkedHashMap<>(Math.max(4, all.size() * 2));
        all.forEach((name, values) -> {
            if (values.length > 0) {
                first.put(name, values[0]);
            }
        });
        return first;
    }

    /** The header's values joined with commas, as {@code @RequestHeader String} gives them; null when absent. */
    static String header(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (!values.hasMoreElements()) {
            return value;
        }
        StringBuilder joined = new StringBuilder(value);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }
}
