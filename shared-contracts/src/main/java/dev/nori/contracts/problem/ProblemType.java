package dev.nori.contracts.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The stable problem types (RFC 9457 {@code type} URIs) of Nori's HTTP APIs, kept in one
 * place so that every service and the gateway answer the same way.
 */
public enum ProblemType {

	/** The request is malformed or failed validation (400). */
	BAD_REQUEST(400, "bad-request", "Bad Request"),
	/** The request lacks valid credentials (401). */
	UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
	/** The caller may not do this (403). */
	FORBIDDEN(403, "forbidden", "Forbidden"),
	/** Nothing exists here, or the caller may not know it does (404). */
	NOT_FOUND(404, "not-found", "Not Found"),
	/** The method is not supported on this resource (405). */
	METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed"),
	/** No representation matches the request's {@code Accept} header (406). */
	NOT_ACCEPTABLE(406, "not-acceptable", "Not Acceptable"),
	/** The request conflicts with the resource's current state (409). */
	CONFLICT(409, "conflict", "Conflict"),
	/** The request body is larger than allowed (413). */
	PAYLOAD_TOO_LARGE(413, "payload-too-large", "Content Too Large"),
	/** The request body's media type is not supported (415). */
	UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type"),
	/** The caller sent too many requests (429). */
	TOO_MANY_REQUESTS(429, "too-many-requests", "Too Many Requests"),
	/** Something failed inside the service (500). */
	INTERNAL_ERROR(500, "internal-error", "Internal Server Error"),
	/** An upstream service failed (502). */
	BAD_GATEWAY(502, "bad-gateway", "Bad Gateway"),
	/** The service or a dependency is unavailable for now (503). */
	SERVICE_UNAVAILABLE(503, "service-unavailable", "Service Unavailable"),
	/** An upstream service did not answer in time (504). */
	GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway Timeout");

	/** Prefix of every problem type URI. */
	public static final String BASE_URI = "https://nori.dev/problems/";

	private final int status;

	private final URI uri;

	private final String title;

	ProblemType(int status, String slug, String title) {
		this.status = status;
		this.uri = URI.create(BASE_URI + slug);
		this.title = title;
	}

	/**
	 * Returns the HTTP status this problem type is answered with.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the problem type URI.
	 * @return the {@code type} member of the problem
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Returns the short, human-readable summary.
	 * @return the {@code title} member of the problem
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Finds the problem type for an HTTP status.
	 * @param status the status code
	 * @return the problem type, if one is defined for it
	 */
	public static Optional<ProblemType> forStatus(int status) {
		return Arrays.stream(values()).filter((type) -> type.status == status).findFirst();
	}

	/**
	 * Finds the problem type for an HTTP status, falling back to the generic client or
	 * server error.
	 * @param status the status code
	 * @return the problem type
	 */
	public static ProblemType forStatusOrGeneric(int status) {
		return forStatus(status).orElse((status >= 500) ? INTERNAL_ERROR : BAD_REQUEST);
	}

}
