package dev.nori.servicedefaults.core.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details in the one shape Nori answers with: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code requestId} and,
 * for validation failures, {@code errors}.
 */
public final class Problems {

	/** The problem member listing failing fields. */
	public static final String ERRORS = "errors";

	private static final String GENERIC_SERVER_DETAIL = "Something went wrong on our side. Quote the request id when you report it.";

	private Problems() {
	}

	/**
	 * Creates a problem of a known type.
	 * @param type the problem type
	 * @param detail what went wrong, for a person to read; never internal details
	 * @param instance the request path
	 * @param requestId the request id, if known
	 * @return the problem
	 */
	public static ProblemDetail of(ProblemType type, @Nullable String detail, @Nullable String instance,
			@Nullable String requestId) {
		ProblemDetail problem = ProblemDetail.forStatus(type.status());
		problem.setType(type.uri());
		problem.setTitle(type.title());
		problem.setDetail((detail != null) ? detail : defaultDetail(type));
		return identify(problem, instance, requestId);
	}

	/**
	 * Normalizes a problem produced elsewhere (a framework default) to Nori's shape,
	 * keeping its status and, for client errors, its detail.
	 * @param problem the problem to normalize in place
	 * @param instance the request path
	 * @param requestId the request id, if known
	 * @return the same problem
	 */
	public static ProblemDetail normalize(ProblemDetail problem, @Nullable String instance,
			@Nullable String requestId) {
		ProblemType type = ProblemType.forStatusOrGeneric(problem.getStatus());
		problem.setType(type.uri());
		problem.setTitle(type.title());
		if (problem.getStatus() >= 500 || problem.getDetail() == null) {
			problem.setDetail(defaultDetail(type));
		}
		return identify(problem, instance, requestId);
	}

	/**
	 * Creates a validation problem listing every failing field at once.
	 * @param violations the failing fields
	 * @param instance the request path
	 * @param requestId the request id, if known
	 * @return a 400 problem with an {@code errors} member
	 */
	public static ProblemDetail validation(List<FieldViolation> violations, @Nullable String instance,
			@Nullable String requestId) {
		ProblemDetail problem = of(ProblemType.BAD_REQUEST,
				"The request has " + violations.size() + " invalid field" + ((violations.size() == 1) ? "" : "s") + ".",
				instance, requestId);
		problem.setProperty(ERRORS, List.copyOf(violations));
		return problem;
	}

	/**
	 * Returns the problem type for a status code.
	 * @param status the status code
	 * @return the matching problem type, or the generic client or server error
	 */
	public static ProblemType typeFor(HttpStatusCode status) {
		return ProblemType.forStatusOrGeneric(status.value());
	}

	private static String defaultDetail(ProblemType type) {
		return switch (type) {
			case INTERNAL_ERROR -> GENERIC_SERVER_DETAIL;
			case NOT_FOUND -> "Nothing exists at this address.";
			case METHOD_NOT_ALLOWED -> "This method is not supported here.";
			case SERVICE_UNAVAILABLE -> "The service is unavailable for now. Try again later.";
			case TOO_MANY_REQUESTS -> "Too many requests. Try again later.";
			default -> type.title() + ".";
		};
	}

	private static ProblemDetail identify(ProblemDetail problem, @Nullable String instance,
			@Nullable String requestId) {
		if (instance != null) {
			problem.setInstance(URI.create(pathOnly(instance)));
		}
		if (requestId != null) {
			problem.setProperty(RequestIds.CONTEXT_KEY, requestId);
		}
		return problem;
	}

	// A path without query: the query may carry tokens and never belongs in a problem.
	private static String pathOnly(String instance) {
		int query = instance.indexOf('?');
		String path = (query >= 0) ? instance.substring(0, query) : instance;
		StringBuilder encoded = new StringBuilder(path.length());
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "/-._~%".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xFF));
			}
		}
		return encoded.isEmpty() ? "/" : encoded.toString();
	}

}
