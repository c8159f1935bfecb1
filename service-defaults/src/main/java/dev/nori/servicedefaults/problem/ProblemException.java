package dev.nori.servicedefaults.problem;

import java.time.Duration;

import dev.nori.contracts.problem.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * An error that answers the client with a problem of a known type. Name subclasses for
 * what went wrong and create them with factories
 * ({@code ArticleNotFoundException.forSlug(slug)}); the message is the problem's
 * {@code detail}, so it must make sense to a client and reveal nothing internal.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param type the problem type (and so the status)
	 * @param detail the problem's detail, for a client to read
	 * @param retryAfter when to try again, for 429 and 503
	 */
	protected ProblemException(ProblemType type, String detail, @Nullable Duration retryAfter) {
		super(detail);
		this.type = type;
		this.retryAfter = retryAfter;
	}

	/**
	 * Creates the exception.
	 * @param type the problem type (and so the status)
	 * @param detail the problem's detail, for a client to read
	 */
	protected ProblemException(ProblemType type, String detail) {
		this(type, detail, null);
	}

	/**
	 * Something the client asked for does not exist.
	 * @param detail what was not found
	 * @return the exception
	 */
	public static ProblemException notFound(String detail) {
		return new ProblemException(ProblemType.NOT_FOUND, detail);
	}

	/**
	 * The caller is not authenticated, or their credentials are wrong.
	 * @param detail what is missing, revealing nothing about which part was wrong
	 * @return the exception
	 */
	public static ProblemException unauthorized(String detail) {
		return new ProblemException(ProblemType.UNAUTHORIZED, detail);
	}

	/**
	 * The caller may not do this.
	 * @param detail what is not allowed
	 * @return the exception
	 */
	public static ProblemException forbidden(String detail) {
		return new ProblemException(ProblemType.FORBIDDEN, detail);
	}

	/**
	 * The request is invalid in a way field validation cannot express.
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ProblemException badRequest(String detail) {
		return new ProblemException(ProblemType.BAD_REQUEST, detail);
	}

	/**
	 * The request conflicts with the current state.
	 * @param detail what conflicts
	 * @return the exception
	 */
	public static ProblemException conflict(String detail) {
		return new ProblemException(ProblemType.CONFLICT, detail);
	}

	/**
	 * The client sent too many requests.
	 * @param retryAfter when to try again
	 * @return the exception
	 */
	public static ProblemException tooManyRequests(Duration retryAfter) {
		return new ProblemException(ProblemType.TOO_MANY_REQUESTS,
				"Too many requests. Try again in " + Math.max(1, retryAfter.toSeconds()) + " s.", retryAfter);
	}

	/**
	 * Something this service needs is unavailable for now.
	 * @param detail what is unavailable, in client terms
	 * @param retryAfter when to try again
	 * @return the exception
	 */
	public static ProblemException unavailable(String detail, Duration retryAfter) {
		return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail, retryAfter);
	}

	/**
	 * Returns the problem type.
	 * @return the type
	 */
	public ProblemType type() {
		return this.type;
	}

	/**
	 * Returns when the client may try again, for 429 and 503.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
