package dev.nori.servicedefaults.problem;

import java.util.ArrayList;
import java.util.List;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.requestid.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller lets escape into a problem: Spring MVC's own (400,
 * 404, 405, 406, 413, 415, …), validation failures with every failing field,
 * {@link ProblemException}s, and anything else as a 500 whose details stay in the log.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<Object> handleProblem(ProblemException ex, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		}
		if (ex.type() == ProblemType.UNAUTHORIZED) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		return ProblemResponses.render(problem(ex.type(), ex.getMessage(), request), headers, request);
	}

	@ExceptionHandler(InvalidFieldsException.class)
	ResponseEntity<Object> handleInvalidFields(InvalidFieldsException ex, HttpServletRequest request) {
		return ProblemResponses.render(Problems.validation(ex.violations(), path(request), requestId(request)), null,
				request);
	}

	// @PreAuthorize refusals surface here, before Spring Security's own handling
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || caller instanceof AnonymousAuthenticationToken) {
			return handleProblem(ProblemException.unauthorized("This address needs a bearer access token."), request);
		}
		return handleProblem(ProblemException.forbidden("You do not have the permission this needs."), request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldViolation> violations = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldViolation(leaf(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return ProblemResponses.render(Problems.validation(violations, path(request), requestId(request)), null,
				request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return ProblemResponses.render(problem(ProblemType.CONFLICT,
				"The resource was changed by someone else. Reload it and try again.", request), null, request);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ResponseEntity<Object> handleDatabaseUnavailable(RuntimeException ex, HttpServletRequest request) {
		log.warn("Database unavailable: {}", ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return ProblemResponses.render(problem(ProblemType.SERVICE_UNAVAILABLE, null, request), headers, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
		log.error("Unhandled error answering {} {}", request.getMethod(), request.getRequestURI(), ex);
		return ProblemResponses.render(problem(ProblemType.INTERNAL_ERROR, null, request), null, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> violations.add(new FieldViolation(error.getField(), message(error))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> violations.add(new FieldViolation(error.getObjectName(),
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		HttpServletRequest servletRequest = servletRequest(request);
		return ProblemResponses.render(Problems.validation(violations, path(servletRequest), requestId(servletRequest)),
				null, servletRequest);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = (result.getMethodParameter().getParameterName() != null)
					? result.getMethodParameter().getParameterName() : "parameter";
			result.getResolvableErrors()
				.forEach((error) -> violations
					.add(new FieldViolation((error instanceof FieldError field) ? field.getField() : name,
							(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		});
		HttpServletRequest servletRequest = servletRequest(request);
		return ProblemResponses.render(Problems.validation(violations, path(servletRequest), requestId(servletRequest)),
				null, servletRequest);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException) {
				HttpServletRequest servletRequest = servletRequest(request);
				return ProblemResponses.render(problem(ProblemType.PAYLOAD_TOO_LARGE,
						"The request body is larger than allowed.", servletRequest), null, servletRequest);
			}
		}
		log.debug("Unreadable request body: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The request body is missing or is not readable JSON of the expected shape.");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		HttpServletRequest servletRequest = servletRequest(request);
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		if (statusCode.is5xxServerError()) {
			log.error("Error answering {} {}", servletRequest.getMethod(), servletRequest.getRequestURI(), ex);
		}
		Problems.normalize(problem, path(servletRequest), requestId(servletRequest));
		return ProblemResponses.render(problem, headers, servletRequest);
	}

	private static ProblemDetail problem(ProblemType type, @Nullable String detail, HttpServletRequest request) {
		return Problems.of(type, detail, path(request), requestId(request));
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	// "create.request.title" -> "title": the client knows its field, not our method names
	private static String leaf(String path) {
		int dot = path.indexOf('.');
		int second = (dot >= 0) ? path.indexOf('.', dot + 1) : -1;
		return (second >= 0) ? path.substring(second + 1) : path;
	}

	private static HttpServletRequest servletRequest(WebRequest request) {
		return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
	}

	static String path(HttpServletRequest request) {
		return request.getRequestURI();
	}

	static @Nullable String requestId(HttpServletRequest request) {
		return RequestIdFilter.currentId(request);
	}

}
