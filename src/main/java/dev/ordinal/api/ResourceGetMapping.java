package dev.ordinal.api;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Finds {@link ResourceApiController#get} for a GET of a resource path without Spring MVC's general lookup, which
 * tries every mapping of every handler mapping in turn and was a fifth of a cached GET's CPU (and most of its
 * garbage). It answers only where that lookup could only have chosen the same handler, and leaves every other
 * request to it: a GET of {@code /api/v1/<something>} or of {@code /apis/<group>/<version>/<something>} other than
 * the events.k8s.io/v1 API (its own controller), with nothing in the path Spring would decode or normalise ({@code %},
 * {@code ;}, {@code //}, dot segments), and no {@code Origin} header (CORS is the general mapping's to apply).
 * {@code ResourceGetMappingIT} checks it against the general lookup.
 */
@Component
public class ResourceGetMapping extends AbstractHandlerMapping {
    private static final String EVENTS_V1 = "/apis/events.k8s.io/v1/";
    private final ObjectProvider<ResourceApiController> controller;
    private volatile HandlerMethod handler;

    public ResourceGetMapping(ObjectProvider<ResourceApiController> controller) {
        this.controller = controller;
        // Ahead of the actuator's mappings (-100) too: they were tried, and missed, on every API request.
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getHeader("Origin") != null) {
            return null;
        }
        String pattern = patternFor(request.getRequestURI());
        if (pattern == null) {
            return null;
        }
        // What the general lookup records about its choice, so that whatever reads it finds the same.
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        request.setAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, request.getRequestURI());
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, java.util.Map.of());
        HandlerMethod h = resourceGet();
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, h);
        return h;
    }

    /**
     * The pattern of {@code ResourceApiController#get}'s mapping that {@code uri} matches when no more specific
     * mapping does ({@code /api/v1/**} or {@code /apis/*}{@code /*}{@code /**}); null when that is not certain.
     */
    static String patternFor(String uri) {
        if (uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0 || uri.contains("//") || uri.contains("/.")) {
            return null;
        }
        if (uri.startsWith("/api/v1/")) {
            return uri.length() > "/api/v1/".length() ? "/api/v1/**" : null;
        }
        if (!uri.startsWith("/apis/") || uri.startsWith(EVENTS_V1)) {
            return null;
        }
        int group = "/apis/".length();
        int version = uri.indexOf('/', group) + 1;
        if (version <= group + 1) {
            return null; // No group segment, or an empty one.
        }
        int rest = uri.indexOf('/', version) + 1;
        if (rest <= version + 1 || rest >= uri.length()) {
            return null; // No version, an empty one, or nothing after it: discovery's, or not certain.
        }
        return "/apis/*/*/**";
    }

    private HandlerMethod resourceGet() {
        HandlerMethod h = handler;
        if (h == null) {
            try {
                Method get = ResourceApiController.class.getMethod("get", HttpServletRequest.class,
                        HttpServletResponse.class);
                h = new HandlerMethod(controller.getObject(), get);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("ResourceApiController.get(request, response) is gone", e);
            }
            handler = h;
        }
        return h;
    }
}
