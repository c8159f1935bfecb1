package dev.nori.notification.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.nori.contracts.identity.AccessTokens;
import dev.nori.servicedefaults.problem.ProblemException;
import dev.nori.servicedefaults.security.ResourceServerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Fans events out to this instance's connected clients, and keeps the recent ones for
 * clients that resume. Publishing never blocks on a client.
 */
@Component
public class LiveHub {

	private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final Deque<Retained> retained = new ArrayDeque<>();

	private final LiveProperties properties;

	private final Clock clock;

	private final Counter dropped;

	private final Duration clockSkew;

	LiveHub(LiveProperties properties, ResourceServerProperties security, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clockSkew = security.clockSkew();
		this.clock = clock;
		this.dropped = meters.counter("nori.notifications.live.dropped");
		meters.gauge("nori.notifications.live.subscribers", this.subscribers, Set::size);
	}

	/**
	 * Connects a client for as long as its token is accepted: until its {@code exp}, plus
	 * the clock skew every token check allows.
	 * @param caller the authenticated client
	 * @return the new subscriber, subscribed to nothing yet
	 * @throws ProblemException 503 when this instance has as many clients as it takes
	 */
	public Subscriber connect(Authentication caller) {
		if (this.subscribers.size() >= this.properties.maxSubscribers()) {
			throw ProblemException.unavailable("This instance serves as many live clients as it may",
					Duration.ofSeconds(5));
		}
		Jwt token = (caller.getCredentials() instanceof Jwt jwt) ? jwt : null;
		Instant expires = (token != null) ? token.getExpiresAt() : null;
		Subscriber subscriber = new Subscriber(Viewer.of(caller.getName(), Subscriptions.permissions(caller)),
				this.properties.buffer(), (expires != null) ? expires.plus(this.clockSkew) : null,
				(token != null) ? token.getClaimAsString(AccessTokens.SESSION_CLAIM) : null,
				(token != null) ? token.getIssuedAt() : null, this.clock);
		this.subscribers.add(subscriber);
		return subscriber;
	}

	/**
	 * Disconnects a client.
	 * @param subscriber the client
	 */
	public void disconnect(Subscriber subscriber) {
		subscriber.close("disconnected");
		this.subscribers.remove(subscriber);
	}

	/**
	 * Hands an event to every client that subscribed to its type and may see it, and
	 * keeps it for resuming clients.
	 * @param event the event
	 */
	public void publish(LiveEvent event) {
		retain(event);
		for (Subscriber subscriber : this.subscribers) {
			if (subscriber.wants(event) && !subscriber.offer(event)) {
				this.subscribers.remove(subscriber);
				// one that left or whose token ran out was not dropped
				if (subscriber.fellBehind()) {
					this.dropped.increment();
					log.info("Dropped a live client of {}: {}", subscriber.viewer().userId(), subscriber.closeReason());
				}
			}
		}
	}

	/**
	 * Ends the connections whose token a revocation cuts off. The client reconnects with
	 * a new token, if it can get one, and resumes from its last event id.
	 * @param revocation what auth-service revoked
	 * @return how many connections ended
	 */
	int revoke(TokenRevocation revocation) {
		int ended = 0;
		for (Subscriber subscriber : this.subscribers) {
			if (subscriber.isCutOffBy(revocation)) {
				subscriber.close(Subscriber.TOKEN_REVOKED);
				this.subscribers.remove(subscriber);
				ended++;
			}
		}
		if (ended > 0) {
			log.info("Ended {} live connection(s) of {}: token revoked", ended, revocation.userId());
		}
		return ended;
	}

	/**
	 * Returns the retained events after one, for a client that resumes.
	 * @param lastEventId the last event the client received
	 * @return the later events, oldest first; empty when that event is no longer retained
	 */
	public Optional<List<LiveEvent>> after(String lastEventId) {
		synchronized (this.retained) {
			prune();
			List<LiveEvent> later = new ArrayList<>();
			for (Iterator<Retained> newestFirst = this.retained.descendingIterator(); newestFirst.hasNext();) {
				LiveEvent event = newestFirst.next().event();
				if (event.id().equals(lastEventId)) {
					return Optional.of(later.reversed());
				}
				later.add(event);
			}
			return Optional.empty();
		}
	}

	/**
	 * Returns how many clients are connected.
	 * @return the count
	 */
	public int connected() {
		return this.subscribers.size();
	}

	/**
	 * Returns how many clients were dropped for not keeping up.
	 * @return the count since start
	 */
	public long droppedClients() {
		return (long) this.dropped.count();
	}

	private void retain(LiveEvent event) {
		if (this.properties.retainedEvents() == 0) {
			return;
		}
		synchronized (this.retained) {
			this.retained.addLast(new Retained(event, this.clock.instant()));
			prune();
		}
	}

	private void prune() {
		Instant oldest = this.clock.instant().minus(this.properties.retention());
		while (!this.retained.isEmpty() && (this.retained.size() > this.properties.retainedEvents()
				|| this.retained.peekFirst().receivedAt().isBefore(oldest))) {
			this.retained.removeFirst();
		}
	}

	private record Retained(LiveEvent event, Instant receivedAt) {
	}

}
