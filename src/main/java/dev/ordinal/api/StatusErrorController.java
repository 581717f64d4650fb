package dev.ordinal.api;

import dev.ordinal.core.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (a failure outside any controller, e.g. in a filter) as a Kubernetes Status,
 * in place of Spring Boot's default error JSON.
 */
@Hidden
@RestController
public class StatusErrorController implements ErrorController {
    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        ApiException e = status >= 500
                ? new ApiException(status, "InternalError", "Internal error occurred: the request failed", null, null, null, null)
                : new ApiException(status, status == 404 ? "NotFound" : "BadRequest",
                "the server rejected the request (status " + status + ")", null, null, null, null);
        return StatusExceptionHandler.response(e);
    }
}
