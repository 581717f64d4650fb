package dev.ordinal.config;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBodyReturnValueHandler;

/**
 * Writes a {@code ResponseEntity<StreamingResponseBody>} whose Content-Length is set on the request's own thread.
 * Such a body is already in memory (one object's or one list's serialized bytes), so Spring's default, an async
 * dispatch to the streaming pool and back, only added two thread hand-offs and a second pass through the filters to
 * every GET. A body without a length (none the API answers today) still streams asynchronously, as before.
 */
@Component
class SynchronousBodies implements HandlerMethodReturnValueHandler, SmartInitializingSingleton {
    private final StreamingResponseBodyReturnValueHandler streaming = new StreamingResponseBodyReturnValueHandler();
    private final ObjectProvider<RequestMappingHandlerAdapter> adapters;
    private final java.util.Map<java.lang.reflect.Executable, Boolean> supported =
            new java.util.concurrent.ConcurrentHashMap<>();

    SynchronousBodies(ObjectProvider<RequestMappingHandlerAdapter> adapters) {
        this.adapters = adapters;
    }

    /** Puts this handler ahead of Spring's, which would otherwise claim every streaming body. */
    @Override
    public void afterSingletonsInstantiated() {
        adapters.orderedStream().forEach(adapter -> {
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
            handlers.add(this);
            if (adapter.getReturnValueHandlers() != null) {
                handlers.addAll(adapter.getReturnValueHandlers());
            }
            adapter.setReturnValueHandlers(handlers);
        });
    }

    /** Asked on every request: the answer per handler method is kept, as resolving the generic type is not cheap. */
    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return supported.computeIfAbsent(returnType.getExecutable(), m ->
                ResponseEntity.class.isAssignableFrom(returnType.getParameterType())
                        && StreamingResponseBody.class.equals(
                                ResolvableType.forMethodParameter(returnType).getGeneric().resolve()));
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest) throws Exception {
        if (!(returnValue instanceof ResponseEntity<?> entity) || entity.getHeaders().getContentLength() < 0
                || !(entity.getBody() instanceof StreamingResponseBody body)) {
            streaming.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
            return;
        }
        mavContainer.setRequestHandled(true);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        response.setStatus(entity.getStatusCode().value());
        out.getHeaders().putAll(entity.getHeaders());
        OutputStream stream = out.getBody();
        body.writeTo(stream);
        stream.flush();
    }
}
