package dev.nori.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that follows the system clock from an offset a test can move forward, so that
 * lockouts, expiries and key rotations are tested without waiting.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	/**
	 * Moves the clock forward.
	 * @param amount how far
	 */
	public void advance(Duration amount) {
		this.offset.updateAndGet((current) -> current.plus(amount));
	}

	/**
	 * Returns how far the clock is ahead of the system clock.
	 * @return the offset
	 */
	public Duration offset() {
		return this.offset.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("MutableClock is always UTC");
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

}
