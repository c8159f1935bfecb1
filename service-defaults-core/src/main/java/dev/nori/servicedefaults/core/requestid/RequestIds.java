package dev.nori.servicedefaults.core.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The request-id rules: a client's {@code X-Request-ID} is kept when it is safe to log
 * and echo (at most 128 characters of {@code [A-Za-z0-9._-]}); otherwise a new id is
 * made.
 */
public final class RequestIds {

	/** The HTTP header carrying the request id, in both directions. */
	public static final String HEADER = "X-Request-ID";

	/** The log context (MDC) key and the request attribute holding the request id. */
	public static final String CONTEXT_KEY = "requestId";

	/** The longest client-supplied id that is accepted. */
	public static final int MAX_LENGTH = 128;

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private final Supplier<String> generator;

	/**
	 * Creates the rules with a custom id generator, for tests.
	 * @param generator makes new ids
	 */
	public RequestIds(Supplier<String> generator) {
		this.generator = generator;
	}

	/**
	 * Creates the rules with random (version 4) UUIDs as new ids.
	 */
	public RequestIds() {
		this(RequestIds::randomUuid);
	}

	/**
	 * Returns the client's id when it is safe, otherwise a new one.
	 * @param candidate the header value the client sent, if any
	 * @return the request id to use
	 */
	public String acceptOrCreate(@Nullable String candidate) {
		return isSafe(candidate) ? candidate : this.generator.get();
	}

	/**
	 * Tells whether a client-supplied id may be used as it is.
	 * @param candidate the header value
	 * @return whether it is at most 128 characters of {@code [A-Za-z0-9._-]}
	 */
	public static boolean isSafe(@Nullable String candidate) {
		return candidate != null && SAFE.matcher(candidate).matches();
	}

	// An id must be unique, not unguessable: ThreadLocalRandom rather than the
	// SecureRandom behind UUID.randomUUID(), on every request.
	private static String randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~0xC000000000000000L) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
