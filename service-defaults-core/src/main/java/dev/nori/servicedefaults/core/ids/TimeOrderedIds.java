package dev.nori.servicedefaults.core.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Makes UUIDs in the order of their creation: version 7 (RFC 9562), 48 bits of Unix
 * milliseconds, a 12-bit counter for ids that share a millisecond (method 1 of section
 * 6.2), then 62 random bits. Each id one instance makes sorts after the one before, in
 * Java's text form and in PostgreSQL's {@code uuid} order, also when the clock steps
 * back.
 * <p>
 * Random (version 4) keys scatter rows inserted together over a B-tree index: every
 * insert, and every new row version an update makes, lands on another index page. Ids in
 * creation order keep them side by side, so a batch of jobs or events touches a few
 * pages. An id reveals when it was made, to the millisecond.
 */
public final class TimeOrderedIds {

	private static final int COUNTER_BITS = 12;

	private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

	private static final long MILLIS_MASK = (1L << 48) - 1;

	private final LongSupplier millis;

	private final SecureRandom random = new SecureRandom();

	// the last id's milliseconds and counter as one number; the next is always greater,
	// borrowing from the next millisecond when 4,096 ids are asked for within one
	private long last = -1;

	/**
	 * Creates a generator that reads the time from a clock.
	 * @param clock the clock
	 */
	public TimeOrderedIds(Clock clock) {
		this(clock::millis);
	}

	TimeOrderedIds(LongSupplier millis) {
		this.millis = millis;
	}

	/**
	 * Makes the next id.
	 * @return an id greater than every one this instance made before
	 */
	public UUID next() {
		long timeAndCounter = nextTimeAndCounter();
		long high = ((timeAndCounter >>> COUNTER_BITS) << 16) | (0x7L << 12) | (timeAndCounter & COUNTER_MASK);
		long low = (this.random.nextLong() >>> 2) | Long.MIN_VALUE;
		return new UUID(high, low);
	}

	private synchronized long nextTimeAndCounter() {
		long now = (this.millis.getAsLong() & MILLIS_MASK) << COUNTER_BITS;
		this.last = Math.max(now, this.last + 1);
		return this.last;
	}

}
