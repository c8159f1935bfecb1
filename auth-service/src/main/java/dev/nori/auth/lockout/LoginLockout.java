package dev.nori.auth.lockout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts failed logins per account (the lower-cased email, so case variants share one
 * counter) and per client address. Reaching the threshold locks for the next step of the
 * schedule (1 min, 5, 15, 30, 60) and starts counting again; a successful login clears
 * the account's counter but not its escalation, which is forgotten after a quiet period.
 * Time comes from the injected clock, so the schedule is testable without waiting.
 * <p>
 * Redis unreachable fails closed (503): with the gateway's rate limit failing open, this
 * is the last guard against guessing.
 */
public class LoginLockout {

	// KEYS[1] the counter; ARGV: now ms, threshold, forget ms, schedule ms...
	// returns the lock end in ms, or 0 when not locked by this failure
	private static final RedisScript<Long> RECORD_FAILURE = RedisScript.of("""
			local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
			local result = 0
			if failures >= tonumber(ARGV[2]) then
			  local locks = redis.call('HINCRBY', KEYS[1], 'locks', 1)
			  local steps = #ARGV - 3
			  local step = math.min(locks, steps)
			  result = tonumber(ARGV[1]) + tonumber(ARGV[3 + step])
			  redis.call('HSET', KEYS[1], 'until', result, 'failures', 0)
			end
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return result
			""", Long.class);

	private final StringRedisTemplate redis;

	private final LockoutProperties properties;

	private final Clock clock;

	/**
	 * Creates the lockout.
	 * @param redis where the counters live
	 * @param properties thresholds and schedule
	 * @param clock the time source
	 */
	public LoginLockout(StringRedisTemplate redis, LockoutProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Tells whether logins for an account or from an address are locked now.
	 * @param email the email as typed
	 * @param address the client address
	 * @return whether to refuse the attempt without looking at the password
	 */
	public boolean isLocked(String email, String address) {
		long now = this.clock.millis();
		try {
			List<Object> ends = new ArrayList<>();
			ends.add(this.redis.opsForHash().get(accountKey(email), "until"));
			ends.add(this.redis.opsForHash().get(addressKey(address), "until"));
			return ends.stream().anyMatch((end) -> end != null && Long.parseLong(end.toString()) > now);
		}
		catch (DataAccessException ex) {
			throw unavailable();
		}
	}

	/**
	 * Counts a failed login.
	 * @param email the email as typed
	 * @param address the client address
	 * @return until when the account or address is now locked, if this failure locked it
	 */
	public Instant recordFailure(String email, String address) {
		try {
			long account = failure(accountKey(email), this.properties.accountFailures());
			long byAddress = failure(addressKey(address), this.properties.addressFailures());
			return Instant.ofEpochMilli(Math.max(account, byAddress));
		}
		catch (DataAccessException ex) {
			throw unavailable();
		}
	}

	/**
	 * Clears an account's failure count after a successful login.
	 * @param email the email as typed
	 */
	public void recordSuccess(String email) {
		try {
			// HDEL creates nothing for an account that never failed
			this.redis.opsForHash().delete(accountKey(email), "failures");
		}
		catch (DataAccessException ex) {
			throw unavailable();
		}
	}

	private long failure(String key, int threshold) {
		List<String> args = new ArrayList<>();
		args.add(Long.toString(this.clock.millis()));
		args.add(Integer.toString(threshold));
		args.add(Long.toString(this.properties.forgetAfter().toMillis()));
		this.properties.schedule().forEach((step) -> args.add(Long.toString(step.toMillis())));
		Long end = this.redis.execute(RECORD_FAILURE, List.of(key), args.toArray());
		return (end != null) ? end : 0;
	}

	private String accountKey(String email) {
		return this.properties.keyPrefix() + "account:" + email.strip().toLowerCase(Locale.ROOT);
	}

	private String addressKey(String address) {
		return this.properties.keyPrefix() + "address:" + address;
	}

	private static ProblemException unavailable() {
		return ProblemException.unavailable("Login is unavailable for a moment. Try again.", Duration.ofSeconds(5));
	}

}
