package dev.ordinal.api;

import dev.ordinal.core.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.node.ObjectNode;

/** Every failure leaves the API as a Kubernetes {@code Status} object, never as a stack trace. */
@RestControllerAdvice
public class StatusExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(StatusExceptionHandler.class);

    /** The Status object for an API failure, in Kubernetes' field order and with its omitempty rules. */
    public static ObjectNode status(ApiException e) {
        return e.status();
    }

    public static ResponseEntity<byte[]> response(ApiException e) {
        return ResponseEntity.status(e.code()).contentType(MediaType.APPLICATION_JSON)
                .body(Codec.write(status(e), false));
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<byte[]> api(ApiException e) {
        return response(e);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
        return response(ApiException.methodNotAllowed("the server does not allow this method on the requested resource"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<byte[]> media(HttpMediaTypeNotSupportedException e) {
        return response(ApiException.unsupportedMediaType(String.valueOf(e.getContentType())));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<byte[]> noResource(NoResourceFoundException e) {
        return response(ApiException.notFoundPath());
    }

    /** A client that went away (a closed watch) needs no answer. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    public void clientGone(Exception e) {
        log.debug("client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> other(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Undecodable query strings and unreadable bodies are the client's fault, not ours.
            String name = t.getClass().getSimpleName();
            if (name.equals("InvalidParameterException") || name.equals("HttpMessageNotReadableException")
                    || name.equals("MissingServletRequestParameterException")
                    || name.equals("MethodArgumentTypeMismatchException")) {
                return response(ApiException.badRequest(String.valueOf(t.getMessage())));
            }
        }
        if (InputErrors.isInputError(e)) {
            // A decoder or validator tripped over a shape it did not expect: the input is at fault, and the bug
            // (a missing type check) is logged so that it gets a proper message.
            log.warn("input error without a specific message", e);
            return response(ApiException.badRequest("the request could not be decoded: " + InputErrors.describe(e)));
        }
        log.error("internal error", e);
        ApiException ie = new ApiException(HttpStatus.INTERNAL_SERVER_ERROR.value(), "InternalError",
                "Internal error occurred: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null, null, null, null);
        return response(ie);
    }
}
