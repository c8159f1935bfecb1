package dev.nori.gateway.edge;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Caches that edge steps read on every request (verified tokens, revocation verdicts,
 * rate-limit leases). Caffeine hands its upkeep (draining the read buffers, expiring,
 * evicting) to the common fork-join pool by default: for a cache read on every request
 * that woke a pool thread every few requests, a context switch away from the event loop
 * on a gateway of one or two CPUs (gateway-overhead benchmark: 0.1 a request). The upkeep
 * is a few microseconds of work, so it runs on the event loop that triggered it.
 */
public final class EdgeCaches {

	private EdgeCaches() {
	}

	/**
	 * Starts a cache whose upkeep runs on the calling thread.
	 * @return the builder, to be given its size and expiry
	 */
	public static Caffeine<Object, Object> builder() {
		return Caffeine.newBuilder().executor(Runnable::run);
	}

}
